/// A cursor over the UTF-8 bytes of one line of an exposition, with errors that point into the line.
struct LineScanner {
    /// The line's bytes, without the newline.
    let bytes: [UInt8]
    /// The 1-based line number.
    let line: Int
    /// The index of the next byte to read.
    var index = 0

    init(bytes: [UInt8], line: Int) {
        self.bytes = bytes
        self.line = line
    }

    var isAtEnd: Bool { index >= bytes.count }

    /// The next byte, or nil at the end of the line.
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Skips spaces and tabs; returns whether any were skipped.
    @discardableResult
    mutating func skipBlanks() -> Bool {
        let start = index
        while let byte = current, byte == .space || byte == .tab { index += 1 }
        return index > start
    }

    /// Reads bytes up to the next blank or the end of the line.
    mutating func readToken() -> String {
        let start = index
        while let byte = current, byte != .space, byte != .tab { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Reads `first rest*`: one byte accepted by `first`, then any bytes accepted by `rest`.
    mutating func readName(first: (UInt8) -> Bool, rest: (UInt8) -> Bool) -> String? {
        guard let byte = current, first(byte) else { return nil }
        let start = index
        index += 1
        while let byte = current, rest(byte) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// Reads `metric_name = [a-zA-Z_:][a-zA-Z0-9_:]*`.
    mutating func readMetricName() -> String? {
        readName(
            first: { $0.isLetter || $0 == .underscore || $0 == .colon },
            rest: { $0.isNameCharacter || $0 == .colon }
        )
    }

    /// Reads `label_name = [a-zA-Z_][a-zA-Z0-9_]*`.
    mutating func readLabelName() -> String? {
        readName(first: { $0.isLetter || $0 == .underscore }, rest: { $0.isNameCharacter })
    }

    /// Makes an error at byte offset `offset` (the current position by default), with the column in characters.
    func error(_ message: String, at offset: Int? = nil) -> ExpositionError {
        let end = min(offset ?? index, bytes.count)
        let column = String(decoding: bytes[0..<end], as: UTF8.self).count + 1
        return ExpositionError(message: message, line: line, column: column)
    }

    /// A printable rendering of the byte at the current position, for messages.
    var currentDescription: String {
        guard let byte = current else { return "end of line" }
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }
}

extension UInt8 {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let underscore = UInt8(ascii: "_")
    static let colon = UInt8(ascii: ":")
    static let hash = UInt8(ascii: "#")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let comma = UInt8(ascii: ",")
    static let equals = UInt8(ascii: "=")

    var isLetter: Bool { (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A) }
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isNameCharacter: Bool { isLetter || isDigit || self == .underscore }
}
