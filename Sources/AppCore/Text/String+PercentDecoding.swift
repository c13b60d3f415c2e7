extension String {
    /// The string with every `%XX` escape (two hexadecimal digits, either case) replaced by the byte it
    /// stands for, the bytes read as UTF-8: `a%20b%2Fc` is `a b/c`, `user%3A1` is `user:1`.
    ///
    /// `nil` when an escape is cut short or not hexadecimal (`%`, `%4`, `%zz`) or when the decoded bytes
    /// are not valid UTF-8 (`%FF`, `%A9`). It replaces Foundation's `removingPercentEncoding` on the
    /// request path: it works on the UTF-8 bytes and returns the string itself when there is no `%` in
    /// it, where Foundation goes through `NSString`; and it refuses every invalid byte, where Foundation
    /// reads some of them (`%A9`) as U+FFFD.
    var percentDecoded: String? {
        let percent = UInt8(ascii: "%")
        guard utf8.contains(percent) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == percent else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue)
            else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The value of one hexadecimal digit, or `nil` for any other byte.
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
