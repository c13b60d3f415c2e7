/// Checks a label-matcher regex the way Prometheus compiles it (`^(?s:<regex>)$` in Go's RE2 syntax):
/// reports syntax errors in Go's words and decides whether the regex matches the empty string.
///
/// This is not a matching engine: it parses the syntax and computes whether the empty string can match,
/// which is all the parser needs (`{a=~".*"}` selects everything, so it needs another matcher).
struct LabelRegex {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private let anchored: String

    private init(pattern: String) {
        anchored = "^(?s:" + pattern + ")$"
        scalars = Array(anchored.unicodeScalars)
    }

    /// Parses `pattern`; returns whether it matches the empty string, or Go's error message
    /// (`error parsing regexp: missing closing ): ...`).
    static func matchesEmpty(_ pattern: String) -> Result<Bool, MessageError> {
        // Without operators, each character (`.` included) matches exactly one character.
        if !pattern.utf8.contains(where: isOperator) { return .success(pattern.isEmpty) }
        var parser = LabelRegex(pattern: pattern)
        do throws(Failure) {
            let nullable = try parser.parseAlternation(depth: 0)
            if parser.index < parser.scalars.count {
                // Only an unbalanced `)` stops the top-level alternation early.
                throw Failure(code: "unexpected )", expression: parser.anchored)
            }
            return .success(nullable)
        } catch {
            return .failure(MessageError("error parsing regexp: \(error.code): `\(error.expression)`"))
        }
    }

    /// The bytes of RE2's syntax other than `.`: `\ + * ? ( ) | [ ] { } ^ $`.
    private static func isOperator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "|"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
            UInt8(ascii: "}"), UInt8(ascii: "^"), UInt8(ascii: "$"):
            return true
        default:
            return false
        }
    }

    private struct Failure: Error {
        var code: String
        var expression: String
    }

    private func text(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[max(0, range.lowerBound)..<min(scalars.count, range.upperBound)])
        return String(view)
    }

    private var atEnd: Bool { index >= scalars.count }
    private var current: Unicode.Scalar? { atEnd ? nil : scalars[index] }

    /// alternation = concatenation { "|" concatenation }
    private mutating func parseAlternation(depth: Int) throws(Failure) -> Bool {
        if depth > 1000 { throw Failure(code: "expression nests too deeply", expression: anchored) }
        var nullable = try parseConcatenation(depth: depth)
        while current == "|" {
            index += 1
            let next = try parseConcatenation(depth: depth)
            nullable = nullable || next
        }
        return nullable
    }

    /// concatenation = { repetition }
    private mutating func parseConcatenation(depth: Int) throws(Failure) -> Bool {
        var nullable = true
        while let scalar = current, scalar != "|", scalar != ")" {
            if let repeatEnd = repetitionOperatorEnd(at: index) {
                throw Failure(code: "missing argument to repetition operator", expression: text(index..<repeatEnd))
            }
            var atom = try parseAtom(depth: depth)
            var lastOperatorStart: Int?
            while let operatorEnd = repetitionOperatorEnd(at: index) {
                if let previous = lastOperatorStart {
                    throw Failure(code: "invalid nested repetition operator", expression: text(previous..<operatorEnd))
                }
                let start = index
                let minimum = try repetitionMinimum(from: start, to: operatorEnd)
                if minimum == 0 { atom = true }
                index = operatorEnd
                if current == "?" { index += 1 }
                lastOperatorStart = start
            }
            nullable = nullable && atom
        }
        return nullable
    }

    /// The end of a repetition operator (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`) starting at `position`.
    private func repetitionOperatorEnd(at position: Int) -> Int? {
        guard position < scalars.count else { return nil }
        switch scalars[position] {
        case "*", "+", "?": return position + 1
        case "{":
            var cursor = position + 1
            var sawDigit = false
            while cursor < scalars.count, scalars[cursor].properties.numericType == .decimal,
                scalars[cursor].isASCII
            {
                cursor += 1
                sawDigit = true
            }
            guard sawDigit, cursor < scalars.count else { return nil }
            if scalars[cursor] == "," {
                cursor += 1
                while cursor < scalars.count, scalars[cursor].isASCII,
                    scalars[cursor].properties.numericType == .decimal
                {
                    cursor += 1
                }
            }
            guard cursor < scalars.count, scalars[cursor] == "}" else { return nil }
            return cursor + 1
        default: return nil
        }
    }

    private func repetitionMinimum(from start: Int, to end: Int) throws(Failure) -> Int {
        switch scalars[start] {
        case "*", "?": return 0
        case "+": return 1
        default:
            let body = text((start + 1)..<(end - 1))
            let parts = body.split(separator: ",", omittingEmptySubsequences: false)
            let minimum = Int(parts[0]) ?? Int.max
            let maximum = parts.count == 2 ? (parts[1].isEmpty ? -1 : (Int(parts[1]) ?? Int.max)) : minimum
            if minimum > 1000 || maximum > 1000 || (maximum >= 0 && maximum < minimum) {
                throw Failure(code: "invalid repeat count", expression: text(start..<end))
            }
            return minimum
        }
    }

    /// atom = "(" group ")" | "[" class "]" | "\" escape | "." | "^" | "$" | literal
    private mutating func parseAtom(depth: Int) throws(Failure) -> Bool {
        guard let scalar = current else { return true }
        switch scalar {
        case "(":
            let start = index
            index += 1
            if current == "?" {
                try parseGroupFlags(start: start)
                if scalars[index - 1] == ")" { return true }  // a flag group like (?i)
            }
            let nullable = try parseAlternation(depth: depth + 1)
            guard current == ")" else { throw Failure(code: "missing closing )", expression: anchored) }
            index += 1
            return nullable
        case "[":
            try parseClass()
            return false
        case "\\":
            return try parseEscape()
        case "^", "$":
            index += 1
            return true
        default:
            index += 1
            return false
        }
    }

    /// `(?flags)`, `(?flags:`, `(?P<name>`, `(?<name>`.
    private mutating func parseGroupFlags(start: Int) throws(Failure) {
        index += 1
        if current == "P" || current == "<" {
            if current == "P" { index += 1 }
            guard current == "<" else {
                throw Failure(code: "invalid or unsupported Perl syntax", expression: text(start..<(index + 1)))
            }
            index += 1
            let nameStart = index
            while let scalar = current, scalar != ">" { index += 1 }
            guard current == ">" else {
                throw Failure(code: "invalid named capture", expression: text(start..<scalars.count))
            }
            let name = text(nameStart..<index)
            let valid =
                !name.isEmpty
                && name.unicodeScalars.allSatisfy {
                    $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType == .decimal
                }
            if !valid { throw Failure(code: "invalid named capture", expression: text(start..<(index + 1))) }
            index += 1
            return
        }
        var sawFlag = false
        var negated = false
        while let scalar = current {
            switch scalar {
            case "i", "m", "s", "U":
                sawFlag = true
                index += 1
            case "-":
                if negated {
                    throw Failure(code: "invalid or unsupported Perl syntax", expression: text(start..<(index + 1)))
                }
                negated = true
                sawFlag = false
                index += 1
            case ":", ")":
                if negated && !sawFlag {
                    throw Failure(code: "invalid or unsupported Perl syntax", expression: text(start..<(index + 1)))
                }
                index += 1
                return
            default:
                throw Failure(code: "invalid or unsupported Perl syntax", expression: text(start..<(index + 1)))
            }
        }
        throw Failure(code: "missing closing )", expression: anchored)
    }

    /// Escapes outside classes; returns whether the escape can match the empty string.
    private mutating func parseEscape() throws(Failure) -> Bool {
        let start = index
        index += 1
        guard let scalar = current else {
            throw Failure(code: "trailing backslash at end of expression", expression: "")
        }
        switch scalar {
        case "A", "z", "B":
            index += 1
            return true
        case "b":
            index += 1
            return false
        case "Q":
            index += 1
            var empty = true
            while !atEnd {
                if current == "\\", index + 1 < scalars.count, scalars[index + 1] == "E" {
                    index += 2
                    return empty
                }
                empty = false
                index += 1
            }
            return empty
        default:
            index = start
            try parseSingleEscape()
            return false
        }
    }

    /// An escape that stands for one character or a class: `\d`, `\pL`, `\x41`, `\.`, `\n`, `\012`.
    private mutating func parseSingleEscape() throws(Failure) {
        let start = index
        index += 1
        guard let scalar = current else {
            throw Failure(code: "trailing backslash at end of expression", expression: "")
        }
        index += 1
        switch scalar {
        case "d", "D", "s", "S", "w", "W", "a", "f", "t", "n", "r", "v":
            return
        case "0"..."7":
            if scalar != "0", !(current.map { ("0"..."7").contains($0) } ?? false) {
                throw Failure(code: "invalid escape sequence", expression: text(start..<index))
            }
            var count = 1
            while count < 3, let next = current, ("0"..."7").contains(next) {
                index += 1
                count += 1
            }
        case "x":
            if current == "{" {
                index += 1
                let digitsStart = index
                while let next = current, next.properties.isASCIIHexDigit { index += 1 }
                guard current == "}", index > digitsStart,
                    let value = UInt32(text(digitsStart..<index), radix: 16), value <= 0x10FFFF
                else {
                    if current == "}" {
                        throw Failure(code: "invalid escape sequence", expression: text(start..<index))
                    }
                    throw Failure(
                        code: "invalid escape sequence",
                        expression: text(start..<min(index + 1, scalars.count))
                    )
                }
                index += 1
            } else {
                for _ in 0..<2 {
                    guard let next = current, next.properties.isASCIIHexDigit else {
                        throw Failure(
                            code: "invalid escape sequence",
                            expression: text(start..<min(index + 1, scalars.count))
                        )
                    }
                    index += 1
                }
            }
        case "p", "P":
            if current == "{" {
                let nameStart = index + 1
                while let next = current, next != "}" { index += 1 }
                guard current == "}" else {
                    throw Failure(code: "invalid character class range", expression: text(start..<scalars.count))
                }
                let name = text(nameStart..<index)
                index += 1
                if !Self.unicodeClassNames.contains(name.hasPrefix("^") ? String(name.dropFirst()) : name) {
                    throw Failure(code: "invalid character class range", expression: text(start..<index))
                }
            } else {
                guard let next = current else {
                    throw Failure(code: "invalid character class range", expression: text(start..<index))
                }
                index += 1
                if !Self.unicodeClassNames.contains(String(Character(next))) {
                    throw Failure(code: "invalid character class range", expression: text(start..<index))
                }
            }
        default:
            if scalar.isASCII && !(scalar.properties.isAlphabetic || scalar.properties.numericType != nil) {
                return  // escaped punctuation
            }
            throw Failure(code: "invalid escape sequence", expression: text(start..<index))
        }
    }

    private static let unicodeClassNames: Set<String> = [
        "Any", "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps",
        "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Co", "Cs",
        "Latin", "Greek", "Cyrillic", "Han", "Arabic", "Hebrew", "Hiragana", "Katakana", "Hangul", "Thai", "Common",
        "Inherited", "Armenian", "Georgian", "Devanagari", "Bengali", "Tamil",
    ]

    private static let posixClasses: Set<String> = [
        "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper",
        "word", "xdigit",
    ]

    /// `[...]`: a character class; never matches the empty string.
    private mutating func parseClass() throws(Failure) {
        let start = index
        index += 1
        if current == "^" { index += 1 }
        var first = true
        while true {
            guard let scalar = current else {
                throw Failure(code: "missing closing ]", expression: text(start..<scalars.count))
            }
            if scalar == "]" && !first {
                index += 1
                return
            }
            if scalar == "[", index + 1 < scalars.count, scalars[index + 1] == ":" {
                let nameStart = index + 2
                var cursor = nameStart
                while cursor + 1 < scalars.count, !(scalars[cursor] == ":" && scalars[cursor + 1] == "]") {
                    cursor += 1
                }
                if cursor + 1 < scalars.count {
                    var name = text(nameStart..<cursor)
                    if name.hasPrefix("^") { name.removeFirst() }
                    if !Self.posixClasses.contains(name) {
                        throw Failure(code: "invalid character class range", expression: text(index..<(cursor + 2)))
                    }
                    index = cursor + 2
                    first = false
                    continue
                }
            }
            let rangeStart = index
            let low = try classCharacter(high: false)
            if low != nil, current == "-", index + 1 < scalars.count, scalars[index + 1] != "]" {
                index += 1
                let high = try classCharacter(high: true)
                if let low, let high, high < low {
                    throw Failure(code: "invalid character class range", expression: text(rangeStart..<index))
                }
            }
            first = false
        }
    }

    /// One character (or escape) inside a class; returns its value when it is a single character.
    private mutating func classCharacter(high: Bool) throws(Failure) -> UInt32? {
        guard let scalar = current else { return nil }
        if scalar == "\\" {
            if index + 1 < scalars.count, "dDsSwWpP".unicodeScalars.contains(scalars[index + 1]) {
                // A class escape cannot end a range.
                if high { throw Failure(code: "invalid escape sequence", expression: text(index..<(index + 2))) }
            }
            let start = index
            try parseSingleEscape()
            let escaped = text(start..<index)
            if escaped.unicodeScalars.count == 2, let second = escaped.unicodeScalars.last,
                !second.properties.isAlphabetic
            {
                return second.value
            }
            return nil
        }
        index += 1
        return scalar.value
    }
}
