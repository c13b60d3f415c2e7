/// Go's string quoting and unquoting rules, which PromQL strings and Prometheus's messages follow.
enum GoQuote {
    /// Quotes `text` as Go's `strconv.Quote` does: double quotes, `\n`-style escapes, `\x`/`\u`/`\U` for
    /// characters that are not printable.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            appendEscaped(scalar, quote: "\"", escapingReplacement: true, to: &out)
        }
        out += "\""
        return out
    }

    /// Quotes one character as Go's `%q` does for a rune: `'x'`, `'\n'`, `'\''`.
    static func quoteRune(_ value: Int) -> String {
        let scalar = (value >= 0 ? Unicode.Scalar(UInt32(value)) : nil) ?? "\u{FFFD}"
        var out = "'"
        appendEscaped(scalar, quote: "'", escapingReplacement: false, to: &out)
        out += "'"
        return out
    }

    /// Formats a character as Go's `%#U` does: `U+0071 'q'`.
    static func unicodeDescription(_ value: Int) -> String {
        let scalar = (value >= 0 ? Unicode.Scalar(UInt32(value)) : nil) ?? "\u{FFFD}"
        var hex = String(scalar.value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        if isPrintable(scalar) {
            return "U+\(hex) '\(Character(scalar))'"
        }
        return "U+\(hex)"
    }

    /// True for the characters Go's `strconv.IsPrint` accepts: letters, marks, numbers, punctuation,
    /// symbols and the ASCII space.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static func appendEscaped(
        _ scalar: Unicode.Scalar,
        quote: Unicode.Scalar,
        escapingReplacement: Bool,
        to out: inout String
    ) {
        if scalar == "\u{FFFD}" && escapingReplacement {
            // Bytes that were not UTF-8 (from `\x` or octal escapes) are held as U+FFFD; the lexer rejects
            // that character written as is, so it prints escaped to parse back.
            out += "\\ufffd"
            return
        }
        if scalar == quote || scalar == "\\" {
            out += "\\"
            out.unicodeScalars.append(scalar)
            return
        }
        if isPrintable(scalar) {
            out.unicodeScalars.append(scalar)
            return
        }
        switch scalar {
        case "\u{07}": out += "\\a"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{0B}": out += "\\v"
        default:
            let value = scalar.value
            if value < 0x20 || value == 0x7F {
                out += "\\x" + hex(value, width: 2)
            } else if value < 0x10000 {
                out += "\\u" + hex(value, width: 4)
            } else {
                out += "\\U" + hex(value, width: 8)
            }
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        var text = String(value, radix: 16)
        while text.count < width { text = "0" + text }
        return text
    }

    /// Unquotes a string literal the lexer has already validated: `"..."` and `'...'` with Go escapes,
    /// `` `...` `` raw. Bytes written with `\x` or octal escapes that do not form UTF-8 become U+FFFD.
    static func unquote(_ literal: [UInt8]) -> String {
        guard literal.count >= 2 else { return "" }
        let quote = literal[0]
        let body = literal[1..<(literal.count - 1)]
        if quote == UInt8(ascii: "`") || !body.contains(UInt8(ascii: "\\")) {
            return String(decoding: body, as: UTF8.self)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(body.count)
        var index = body.startIndex
        func digit(_ byte: UInt8) -> UInt32 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
            default: return 16
            }
        }
        func read(_ count: Int, base: UInt32) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<count where index < body.endIndex {
                value = value &* base &+ min(digit(body[index]), base - 1)
                index += 1
            }
            return value
        }
        while index < body.endIndex {
            let byte = body[index]
            index += 1
            guard byte == UInt8(ascii: "\\"), index < body.endIndex else {
                bytes.append(byte)
                continue
            }
            let escape = body[index]
            index += 1
            switch escape {
            case UInt8(ascii: "a"): bytes.append(0x07)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "v"): bytes.append(0x0B)
            case UInt8(ascii: "x"): bytes.append(UInt8(truncatingIfNeeded: read(2, base: 16)))
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                index -= 1
                bytes.append(UInt8(truncatingIfNeeded: read(3, base: 8)))
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let value = read(escape == UInt8(ascii: "u") ? 4 : 8, base: 16)
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                bytes.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: bytes.append(escape)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
