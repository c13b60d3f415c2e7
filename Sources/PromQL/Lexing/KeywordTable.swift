/// The words the lexer reads as keywords (case-insensitively), found without making a `String`:
/// a word of up to 16 ASCII bytes is lower-cased and packed into two integers, which are looked up in a
/// small open-addressing hash table.
struct KeywordTable: Sendable {
    /// The table the lexer uses: `TokenKind.keywords`, and `inf` and `nan`, which are numbers.
    static let standard = KeywordTable(
        TokenKind.keywords.merging(["inf": .number, "nan": .number]) { keyword, _ in keyword }
    )

    private var words: [SIMD2<UInt64>]
    private var kinds: [TokenKind]
    /// The length of the longest word; longer input is no keyword.
    let longest: Int

    private static let slotCount = 128

    init(_ keywords: [String: TokenKind]) {
        words = Array(repeating: SIMD2(), count: Self.slotCount)
        kinds = Array(repeating: .identifier, count: Self.slotCount)
        longest = keywords.keys.map(\.utf8.count).max() ?? 0
        precondition(longest <= 16 && keywords.count < Self.slotCount / 2, "keywords too long or too many")
        for (keyword, kind) in keywords.sorted(by: { $0.key < $1.key }) {
            let word = Self.pack(ArraySlice(keyword.utf8))
            var slot = Self.slot(of: word)
            while words[slot] != SIMD2() { slot = (slot + 1) & (Self.slotCount - 1) }
            words[slot] = word
            kinds[slot] = kind
        }
    }

    /// The keyword `bytes` spell, ignoring case; `nil` for any other word.
    func kind(of bytes: ArraySlice<UInt8>) -> TokenKind? {
        guard bytes.count <= longest else { return nil }
        let word = Self.pack(bytes)
        var slot = Self.slot(of: word)
        while true {
            let candidate = words[slot]
            if candidate == word { return kinds[slot] }
            // Empty slots hold zero, which no word packs to (bytes are never 0).
            if candidate == SIMD2() { return nil }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
    }

    /// Up to 16 bytes, ASCII letters lower-cased, packed little-endian into two words.
    private static func pack(_ bytes: ArraySlice<UInt8>) -> SIMD2<UInt64> {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            let lower = UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            if shift < 64 { low |= lower << shift } else { high |= lower << (shift - 64) }
            shift += 8
        }
        return SIMD2(low, high)
    }

    private static func slot(of word: SIMD2<UInt64>) -> Int {
        let mixed = (word.x &* 0x9E37_79B9_7F4A_7C15) ^ (word.y &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: mixed >> 57)
    }
}
