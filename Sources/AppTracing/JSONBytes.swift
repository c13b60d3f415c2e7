/// A JSON text being written as UTF-8 bytes, with the few pieces OTLP/JSON needs: literal text,
/// quoted strings (RFC 8259's escapes), unsigned decimals and 16 zero-padded lowercase hex digits.
struct JSONBytes {
    /// What has been written.
    private(set) var bytes: [UInt8]

    /// Starts an empty text with room for `capacity` bytes.
    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends one byte.
    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends `text` as it is (JSON punctuation and names).
    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends `text` as a JSON string literal, quotes included: `"`, `\` and the control characters
    /// are escaped; everything else, non-ASCII included, is written as is.
    mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most names and values need no escape: then they are copied in one piece.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                bytes.append(contentsOf: Array(#"\u00"#.utf8))
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `value` in decimal.
    mutating func appendDecimal(_ value: UInt64) {
        guard value > 0 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var count = 0
        var rest = value
        while rest > 0 {
            count += 1
            rest /= 10
        }
        // Written from the last digit back, in place.
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        rest = value
        var index = start + count - 1
        while rest > 0 {
            bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
    }

    /// Appends `value` as 16 lowercase hex digits, zero-padded (a span id, half a trace id).
    mutating func appendHex(_ value: UInt64) {
        var shift = 60
        while shift >= 0 {
            bytes.append(Self.hexDigits[Int((value >> UInt64(shift)) & 0x0F)])
            shift -= 4
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
