/// Reads JSON (RFC 8259) into `JSONNode`s that remember where each value starts, and reports
/// errors with their line and column.
///
/// Foundation's `JSONSerialization` on Linux reports neither, and a checker must say where a
/// hand-edited export went wrong and on which line a panel's expression sits.
public struct JSONReader {
    /// The deepest nesting accepted; deeper documents are refused rather than overflowing the stack.
    public static let maximumDepth = 512

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses a whole document: `JSON-text = ws value ws`.
    public static func parse(_ bytes: [UInt8]) throws(JSONReadError) -> JSONNode {
        var reader = JSONReader(bytes: bytes)
        // A UTF-8 byte order mark is tolerated, as editors on some systems write one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
        reader.skipWhitespace()
        guard reader.index < bytes.count else { throw reader.error("the file is empty, expected a JSON value") }
        let node = try reader.parseValue()
        reader.skipWhitespace()
        if reader.index < bytes.count {
            throw reader.error("unexpected \(reader.describeCurrent()) after the end of the JSON value")
        }
        return node
    }

    /// Parses a document given as a string.
    public static func parse(_ text: String) throws(JSONReadError) -> JSONNode {
        try parse(Array(text.utf8))
    }

    /// The offset in `bytes` of the character at UTF-8 offset `utf8Offset` inside the string value
    /// whose opening quote is at `stringOffset` (escapes such as `\"` or `\u00e9` are stepped over).
    public static func sourceOffset(inString stringOffset: Int, utf8Offset: Int, of bytes: [UInt8]) -> Int {
        var index = stringOffset + 1
        var decoded = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if decoded >= utf8Offset { return index }
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                if bytes[index + 1] == UInt8(ascii: "u"), index + 5 < bytes.count {
                    let hex = String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self)
                    let unit = UInt32(hex, radix: 16) ?? 0
                    index += 6
                    if (0xD800..<0xDC00).contains(unit), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\") {
                        index += 6
                        decoded += 4
                    } else {
                        decoded += unit < 0x80 ? 1 : (unit < 0x800 ? 2 : 3)
                    }
                } else {
                    index += 2
                    decoded += 1
                }
            } else {
                index += 1
                decoded += 1
            }
        }
        return index
    }

    // MARK: - Grammar

    /// `value = false / null / true / object / array / number / string`
    private mutating func parseValue() throws(JSONReadError) -> JSONNode {
        guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
        let start = index
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return JSONNode(.string(try parseString()), offset: start)
        case UInt8(ascii: "t"):
            try expectWord("true")
            return JSONNode(.bool(true), offset: start)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return JSONNode(.bool(false), offset: start)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return JSONNode(.null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(.number(try parseNumber()), offset: start)
        default:
            throw error("unexpected \(describeCurrent()), expected a value")
        }
    }

    /// `object = begin-object [ member *( value-separator member ) ] end-object`
    private mutating func parseObject() throws(JSONReadError) -> JSONNode {
        let start = index
        try enter()
        index += 1
        var members: [(key: String, value: JSONNode)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return JSONNode(.object(members), offset: start)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an object") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeCurrent()), expected a member name in double quotes")
            }
            // member = string name-separator value
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("unexpected \(describeCurrent()), expected ':' after the member name \"\(key)\"")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            members.append((key, value))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return JSONNode(.object(members), offset: start)
            }
            throw error("unexpected \(describeCurrent()), expected ',' or '}' after an object member")
        }
    }

    /// `array = begin-array [ value *( value-separator value ) ] end-array`
    private mutating func parseArray() throws(JSONReadError) -> JSONNode {
        let start = index
        try enter()
        index += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return JSONNode(.array(elements), offset: start)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return JSONNode(.array(elements), offset: start)
            }
            throw error("unexpected \(describeCurrent()), expected ',' or ']' after an array element")
        }
    }

    /// `string = quotation-mark *char quotation-mark`, with the escapes of RFC 8259 section 7.
    private mutating func parseString() throws(JSONReadError) -> String {
        let start = index
        index += 1
        let contentStart = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[contentStart..<index], as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in a string (write it as an escape such as \\n)") }
            index += 1
        }
        var buffer = Array(bytes[contentStart..<index])
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if byte < 0x20 { throw error("control character in a string (write it as an escape such as \\n)") }
            if byte != UInt8(ascii: "\\") {
                buffer.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            switch bytes[index] {
            case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try parseHex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\"),
                        bytes[index + 2] == UInt8(ascii: "u")
                    {
                        index += 2
                        let low = try parseHex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                buffer.append(contentsOf: Array(String(Character(character)).utf8))
            default:
                throw error("invalid escape '\\\(describeByte(bytes[index]))' in a string")
            }
            index += 1
        }
        index = start
        throw error("unterminated string")
    }

    /// Reads the four hex digits after `\u`; leaves `index` on the last digit.
    private mutating func parseHex4() throws(JSONReadError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            index += 1
            guard index < bytes.count, let digit = hexValue(bytes[index]) else {
                throw error("invalid \\u escape, expected four hex digits")
            }
            value = value * 16 + digit
        }
        return value
    }

    /// `number = [ minus ] int [ frac ] [ exp ]`
    private mutating func parseNumber() throws(JSONReadError) -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number, expected a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("invalid number, a leading zero") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error("invalid number, expected a digit after '.'")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw error("invalid number, expected a digit in the exponent")
            }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text) else {
            index = start
            throw error("invalid number")
        }
        return value
    }

    // MARK: - Helpers

    private mutating func enter() throws(JSONReadError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func expectWord(_ word: String) throws(JSONReadError) {
        let start = index
        for byte in word.utf8 {
            guard index < bytes.count, bytes[index] == byte else {
                index = start
                throw error("unexpected \(describeCurrent()), expected a value")
            }
            index += 1
        }
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of input" }
        return "'\(describeByte(bytes[index]))'"
    }

    private func describeByte(_ byte: UInt8) -> String {
        if byte >= 0x20, byte < 0x7F { return String(Character(Unicode.Scalar(byte))) }
        let hex = String(byte, radix: 16, uppercase: true)
        return "\\x" + (hex.count < 2 ? "0" + hex : hex)
    }

    private func error(_ message: String) -> JSONReadError {
        let position = LineIndex(bytes).position(of: index)
        return JSONReadError(message: message, offset: index, line: position.line, column: position.column)
    }
}
