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

    /// Appends `text` as it is: JSON punctuation and names, copied in one piece.
    mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `text` as it is (a number's digits).
    mutating func appendUnquoted(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends `text` as a JSON string literal, quotes included: `"`, `\` and the control characters
    /// are escaped; everything else, non-ASCII included, is written as is.
    ///
    /// The text is read as one buffer of UTF-8 (`withUTF8`): going through `String.UTF8View` one byte
    /// at a time was a fifth of the encoding's time (`perf`, `bench/tracing-bench`).
    mutating func appendQuoted(_ text: String) {
        var text = text
        text.withUTF8 { appendQuoted($0) }
    }

    private mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        // Most names and values need no escape: then they are copied in one piece.
        guard utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): append(#"\""#)
            case UInt8(ascii: "\\"): append(#"\\"#)
            case UInt8(ascii: "\n"): append(#"\n"#)
            case UInt8(ascii: "\r"): append(#"\r"#)
            case UInt8(ascii: "\t"): append(#"\t"#)
            case 0x08: append(#"\b"#)
            case 0x0C: append(#"\f"#)
            case 0..<0x20:
                append(#"\u00"#)
                bytes.append(Self.hexDigit(byte >> 4))
                bytes.append(Self.hexDigit(byte & 0x0F))
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `value` in decimal.
    mutating func appendDecimal(_ value: UInt64) {
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        // Room first, then the digits written in place from the last one back.
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var rest = value
            for index in stride(from: start + count - 1, through: start, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
        }
    }

    /// Appends `value` as 16 lowercase hex digits, zero-padded (a span id, half a trace id).
    mutating func appendHex(_ value: UInt64) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 16))
        bytes.withUnsafeMutableBufferPointer { buffer in
            var rest = value
            for index in stride(from: start + 15, through: start, by: -1) {
                buffer[index] = Self.hexDigit(UInt8(truncatingIfNeeded: rest & 0x0F))
                rest >>= 4
            }
        }
    }

    /// The lowercase hex digit of `nibble` (0 to 15).
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
