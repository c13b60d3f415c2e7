/// Splits PromQL source into tokens, following the states of Prometheus's lexer
/// (`promql/parser/lex.go`): statements, the inside of braces, and the inside of brackets.
///
/// Tokens come one at a time and lazily, as the parser asks, so that an error late in the input is only
/// reported once the parser gets there. A lexical error is an `.error` token whose text is the message;
/// after it (and after end of input) the lexer returns `.eof` forever.
public struct Lexer: Sendable {
    private enum State: Sendable {
        case statements
        case insideBraces
        case durationExpression
    }

    private let input: [UInt8]
    private var pos = 0
    private var start = 0
    private var width = 0
    private var parenDepth = 0
    private var braceOpen = false
    private var bracketOpen = false
    private var gotColon = false
    private var gotDuration = false
    private var state: State = .statements
    private var finished = false

    private static let eofRune = -1

    /// Makes a lexer over `source`.
    public init(_ source: String) {
        input = Array(source.utf8)
    }

    /// Makes a lexer over raw bytes (which need not be valid UTF-8).
    public init(bytes: [UInt8]) {
        input = bytes
    }

    /// The source bytes.
    var bytes: [UInt8] { input }

    /// Lexes the whole input: every token up to and including the first `.eof` or `.error`.
    public static func tokenize(_ source: String) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .eof || token.kind == .error { return tokens }
        }
    }

    /// Returns the next token.
    public mutating func next() -> Token {
        let raw = nextRaw()  // before `token(_:)` reads `errorMessage`
        return token(raw)
    }

    /// The message of the last `.error` token.
    private(set) var errorMessage = ""

    /// The public token for a raw one: its text is the source text (for an error, the message).
    func token(_ raw: RawToken) -> Token {
        let text: String
        switch raw.kind {
        case .error: text = errorMessage
        case .eof: text = ""
        default: text = self.text(raw)
        }
        return Token(kind: raw.kind, text: text, offset: raw.offset, end: raw.end)
    }

    /// The source text of a token.
    func text(_ raw: RawToken) -> String {
        String(decoding: input[raw.offset..<raw.end], as: UTF8.self)
    }

    /// Returns the next token without its text; after `.eof` or `.error`, `.eof` forever.
    mutating func nextRaw() -> RawToken {
        if finished {
            return RawToken(kind: .eof, offset: input.count, end: input.count)
        }
        while true {
            let token: RawToken?
            switch state {
            case .statements: token = braceOpen ? lexInsideBraces() : lexStatements()
            case .insideBraces: token = lexInsideBraces()
            case .durationExpression: token = lexDurationExpression()
            }
            if let token {
                if token.kind == .eof || token.kind == .error { finished = true }
                return token
            }
        }
    }

    // MARK: Reading runes

    private func decode(at index: Int) -> (rune: Int, width: Int) {
        guard index < input.count else { return (Self.eofRune, 0) }
        let first = input[index]
        if first < 0x80 { return (Int(first), 1) }
        let length: Int
        var value: Int
        switch first {
        case 0xC2...0xDF:
            length = 2
            value = Int(first & 0x1F)
        case 0xE0...0xEF:
            length = 3
            value = Int(first & 0x0F)
        case 0xF0...0xF4:
            length = 4
            value = Int(first & 0x07)
        default: return (0xFFFD, 1)
        }
        guard index + length <= input.count else { return (0xFFFD, 1) }
        for offset in 1..<length {
            let byte = input[index + offset]
            guard byte & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            value = value << 6 | Int(byte & 0x3F)
        }
        let minimum = [0, 0, 0x80, 0x800, 0x10000][length]
        if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return (0xFFFD, 1) }
        return (value, length)
    }

    @inline(__always)
    private mutating func nextRune() -> Int {
        if pos < input.count, input[pos] < 0x80 {
            width = 1
            pos += 1
            return Int(input[pos - 1])
        }
        let (rune, runeWidth) = decode(at: pos)
        width = runeWidth
        pos += runeWidth
        return rune
    }

    @inline(__always)
    private func peekRune() -> Int {
        if pos < input.count, input[pos] < 0x80 { return Int(input[pos]) }
        return decode(at: pos).rune
    }

    @inline(__always)
    private mutating func backup() { pos -= width }

    /// A set of ASCII characters, as a 128-bit mask.
    private struct ByteSet {
        var low: UInt64 = 0
        var high: UInt64 = 0

        init(_ characters: String) {
            for byte in characters.utf8 where byte < 128 {
                if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
            }
        }

        func contains(_ rune: Int) -> Bool {
            guard rune >= 0 && rune < 128 else { return false }
            return rune < 64 ? low & (1 << UInt64(rune)) != 0 : high & (1 << UInt64(rune - 64)) != 0
        }

        static func + (lhs: ByteSet, rhs: ByteSet) -> ByteSet {
            var set = lhs
            set.low |= rhs.low
            set.high |= rhs.high
            return set
        }
    }

    private static let decimalDigits = ByteSet("0123456789")
    private static let hexDigits = ByteSet("0123456789abcdefABCDEF")
    private static let dot = ByteSet(".")
    private static let exponent = ByteSet("eE")
    private static let underscore = ByteSet("_")
    private static let sign = ByteSet("+-")
    private static let zero = ByteSet("0")
    private static let hexMarker = ByteSet("xX")
    private static let dotAntiPattern = ByteSet("_.")
    private static let exponentAntiPattern = ByteSet("._eE")

    private mutating func accept(_ valid: ByteSet) -> Bool {
        if valid.contains(nextRune()) { return true }
        backup()
        return false
    }

    private func isNext(_ valid: ByteSet) -> Bool {
        valid.contains(peekRune())
    }

    private mutating func acceptRun(_ valid: ByteSet) {
        while accept(valid) {}
    }

    private var currentText: String { String(decoding: input[start..<pos], as: UTF8.self) }

    @inline(__always)
    private mutating func emit(_ kind: TokenKind) -> RawToken {
        let token = RawToken(kind: kind, offset: start, end: pos)
        start = pos
        return token
    }

    private mutating func error(_ message: String) -> RawToken {
        errorMessage = message
        return RawToken(kind: .error, offset: start, end: pos)
    }

    private mutating func ignore() { start = pos }

    @inline(__always)
    private static func isSpace(_ rune: Int) -> Bool {
        rune == 0x20 || rune == 0x09 || rune == 0x0A || rune == 0x0D
    }

    @inline(__always)
    private static func isAlpha(_ rune: Int) -> Bool {
        rune == 0x5F || (0x61...0x7A).contains(rune) || (0x41...0x5A).contains(rune)
    }

    @inline(__always)
    private static func isDigit(_ rune: Int) -> Bool { (0x30...0x39).contains(rune) }

    @inline(__always)
    private static func isAlphaNumeric(_ rune: Int) -> Bool { isAlpha(rune) || isDigit(rune) }

    private static func char(_ scalar: Unicode.Scalar) -> Int { Int(scalar.value) }

    // MARK: States

    /// `lexStatements`: the top-level state.
    private mutating func lexStatements() -> RawToken? {
        if pos < input.count {
            let byte = input[pos]
            // The most frequent token first: a name (a name cannot start inside brackets).
            if Self.isAlpha(Int(byte)) && !bracketOpen { return lexKeywordOrIdentifier() }
            if byte == UInt8(ascii: "#") { return lexLineComment() }
        }
        let rune = nextRune()
        switch rune {
        case Self.eofRune:
            if parenDepth != 0 { return error("unclosed left parenthesis") }
            if bracketOpen { return error("unclosed left bracket") }
            return emit(.eof)
        case Self.char(","): return emit(.comma)
        case _ where Self.isSpace(rune):
            skipSpaces()
            return nil
        case Self.char("*"): return emit(.mul)
        case Self.char("/"): return emit(.div)
        case Self.char("%"): return emit(.mod)
        case Self.char("+"): return emit(.add)
        case Self.char("-"): return emit(.sub)
        case Self.char("^"): return emit(.pow)
        case Self.char("="):
            let following = peekRune()
            if following == Self.char("=") {
                _ = nextRune()
                return emit(.eqlc)
            }
            if following == Self.char("~") {
                return error("unexpected character after '=': \(GoQuote.quoteRune(following))")
            }
            return emit(.eql)
        case Self.char("!"):
            let following = nextRune()
            if following != Self.char("=") {
                return error("unexpected character after '!': \(GoQuote.quoteRune(following))")
            }
            return emit(.neq)
        case Self.char("<"):
            if peekRune() == Self.char("=") {
                _ = nextRune()
                return emit(.lte)
            }
            return emit(.lss)
        case Self.char(">"):
            if peekRune() == Self.char("=") {
                _ = nextRune()
                return emit(.gte)
            }
            return emit(.gtr)
        case _ where Self.isDigit(rune) || (rune == Self.char(".") && Self.isDigit(peekRune())):
            backup()
            return lexNumberOrDuration()
        case Self.char("\""), Self.char("'"):
            return lexString(quote: rune)
        case Self.char("`"):
            return lexRawString()
        case _ where Self.isAlpha(rune) || rune == Self.char(":"):
            if !bracketOpen {
                backup()
                return lexKeywordOrIdentifier()
            }
            if rune == Self.char(":") {
                if gotColon { return error("unexpected colon \(GoQuote.quoteRune(rune))") }
                gotColon = true
                return emit(.colon)
            }
            if [Self.char("s"), Self.char("S"), Self.char("m"), Self.char("M")].contains(rune),
                let keyword = scanDurationKeyword()
            {
                return keyword
            }
            return error("unexpected character: \(GoQuote.quoteRune(rune)), expected ':'")
        case Self.char("("):
            parenDepth += 1
            return emit(.leftParen)
        case Self.char(")"):
            let token = emit(.rightParen)
            parenDepth -= 1
            if parenDepth < 0 { return error("unexpected right parenthesis \(GoQuote.quoteRune(rune))") }
            return token
        case Self.char("{"):
            braceOpen = true
            return emit(.leftBrace)
        case Self.char("["):
            if bracketOpen { return error("unexpected left bracket \(GoQuote.quoteRune(rune))") }
            gotColon = false
            let token = emit(.leftBracket)
            skipSpaces()
            bracketOpen = true
            state = .durationExpression
            return token
        case Self.char("]"):
            if !bracketOpen { return error("unexpected right bracket \(GoQuote.quoteRune(rune))") }
            bracketOpen = false
            return emit(.rightBracket)
        case Self.char("@"):
            return emit(.at)
        default:
            return error("unexpected character: \(GoQuote.quoteRune(rune))")
        }
    }

    /// `lexInsideBraces`: label matchers; keywords are plain identifiers here.
    private mutating func lexInsideBraces() -> RawToken? {
        if pos < input.count, input[pos] == UInt8(ascii: "#") { return lexLineComment() }
        let rune = nextRune()
        switch rune {
        case Self.eofRune:
            return error("unexpected end of input inside braces")
        case _ where Self.isSpace(rune):
            skipSpaces()
            return nil
        case _ where Self.isAlpha(rune):
            while pos < input.count, Self.isAlphaNumeric(Int(input[pos])) { pos += 1 }
            return emit(.identifier)
        case Self.char(","): return emit(.comma)
        case Self.char("\""), Self.char("'"): return lexString(quote: rune)
        case Self.char("`"): return lexRawString()
        case Self.char("="):
            if nextRune() == Self.char("~") { return emit(.eqlRegex) }
            backup()
            return emit(.eql)
        case Self.char("!"):
            let following = nextRune()
            if following == Self.char("~") { return emit(.neqRegex) }
            if following == Self.char("=") { return emit(.neq) }
            return error("unexpected character after '!' inside braces: \(GoQuote.quoteRune(following))")
        case Self.char("{"):
            return error("unexpected left brace \(GoQuote.quoteRune(rune))")
        case Self.char("}"):
            braceOpen = false
            state = .statements
            return emit(.rightBrace)
        default:
            return error("unexpected character inside braces: \(GoQuote.quoteRune(rune))")
        }
    }

    /// `lexDurationExpr`: just after `[`.
    private mutating func lexDurationExpression() -> RawToken? {
        let rune = nextRune()
        switch rune {
        case Self.eofRune:
            return error("unexpected end of input in duration expression")
        case Self.char("]"):
            bracketOpen = false
            gotColon = false
            state = .statements
            return emit(.rightBracket)
        case Self.char(":"):
            let token = emit(.colon)
            if !gotDuration { return error("unexpected colon before duration in duration expression") }
            if gotColon { return error("unexpected repeated colon in duration expression") }
            gotColon = true
            return token
        case Self.char("("):
            parenDepth += 1
            return emit(.leftParen)
        case Self.char(")"):
            let token = emit(.rightParen)
            parenDepth -= 1
            if parenDepth < 0 { return error("unexpected right parenthesis \(GoQuote.quoteRune(rune))") }
            return token
        case _ where Self.isSpace(rune):
            skipSpaces()
            return nil
        case Self.char("+"): return emit(.add)
        case Self.char("-"): return emit(.sub)
        case Self.char("*"): return emit(.mul)
        case Self.char("/"): return emit(.div)
        case Self.char("%"): return emit(.mod)
        case Self.char("^"): return emit(.pow)
        case Self.char(","): return emit(.comma)
        case Self.char("s"), Self.char("S"), Self.char("m"), Self.char("M"), Self.char("r"), Self.char("R"):
            if let keyword = scanDurationKeyword() { return keyword }
            return error("unexpected character in duration expression: \(GoQuote.quoteRune(rune))")
        case _ where Self.isDigit(rune) || (rune == Self.char(".") && Self.isDigit(peekRune())):
            backup()
            gotDuration = true
            state = .statements
            return lexNumberOrDuration()
        default:
            return error("unexpected character in duration expression: \(GoQuote.quoteRune(rune))")
        }
    }

    private mutating func skipSpaces() {
        while Self.isSpace(peekRune()) { _ = nextRune() }
        ignore()
    }

    /// `lexLineComment`: `#` up to the end of the line.
    private mutating func lexLineComment() -> RawToken {
        pos += 1
        var rune = nextRune()
        while rune != Self.eofRune && rune != 0x0A && rune != 0x0D { rune = nextRune() }
        backup()
        return emit(.comment)
    }

    private mutating func scanDurationKeyword() -> RawToken? {
        while Self.isAlpha(nextRune()) {}
        backup()
        switch currentText.lowercased() {
        case "step": return emit(.step)
        case "range": return emit(.range)
        case "min": return emit(.min)
        case "max": return emit(.max)
        default: return nil
        }
    }

    /// `lexKeywordOrIdentifier`: a word that may contain `:`; keywords are case-insensitive.
    private mutating func lexKeywordOrIdentifier() -> RawToken {
        var sawColon = false
        var index = pos
        input.withUnsafeBufferPointer { buffer in
            while index < buffer.count {
                let byte = buffer[index]
                if byte == UInt8(ascii: ":") {
                    sawColon = true
                } else if !Self.isAlphaNumeric(Int(byte)) {
                    break
                }
                index += 1
            }
        }
        pos = index
        if !sawColon, let keyword = KeywordTable.standard.kind(of: input[start..<pos]) { return emit(keyword) }
        return emit(sawColon ? .metricIdentifier : .identifier)
    }

    // MARK: Numbers and durations

    /// `lexNumberOrDuration`.
    private mutating func lexNumberOrDuration() -> RawToken {
        // The common forms first: decimal digits followed by neither a fraction, an exponent, an underscore
        // nor a hexadecimal marker (`300`, `5m`, `1h30m`) end where `scanNumber` would end them.
        var index = pos
        while index < input.count, Self.isDigit(Int(input[index])) { index += 1 }
        if index > pos {
            let next = index < input.count ? Int(input[index]) : Self.eofRune
            switch next {
            case Self.char("."), Self.char("_"), Self.char("e"), Self.char("E"), Self.char("x"), Self.char("X"):
                break
            default:
                pos = index
                if !Self.isAlphaNumeric(next) { return emit(.number) }
                if acceptRemainingDuration() {
                    backup()
                    return emit(.duration)
                }
                return error("bad number or duration syntax: \(GoQuote.quote(currentText))")
            }
        }
        if scanNumber() { return emit(.number) }
        if acceptRemainingDuration() {
            backup()
            return emit(.duration)
        }
        return error("bad number or duration syntax: \(GoQuote.quote(currentText))")
    }

    private mutating func acceptRemainingDuration() -> Bool {
        if !acceptByte(where: Self.isDurationUnit) { return false }
        _ = acceptByte(where: Self.isSecondUnit)
        while acceptByte(where: Self.isDecimalDigit) {
            while acceptByte(where: Self.isDecimalDigit) {}
            if !acceptByte(where: Self.isLaterDurationUnit) { return false }
            _ = acceptByte(where: Self.isSecondUnit)
        }
        return !Self.isAlphaNumeric(nextRune())
    }

    /// `accept` for a set of ASCII bytes given as a predicate.
    @inline(__always)
    private mutating func acceptByte(where valid: (UInt8) -> Bool) -> Bool {
        guard pos < input.count, valid(input[pos]) else { return false }
        pos += 1
        width = 1
        return true
    }

    private static func isDecimalDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// `smhdwy`, the units a duration may start with.
    private static func isDurationUnit(_ byte: UInt8) -> Bool {
        isLaterDurationUnit(byte) || byte == UInt8(ascii: "y")
    }

    /// `smhdw`, the units that may follow another.
    private static func isLaterDurationUnit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "s"), UInt8(ascii: "m"), UInt8(ascii: "h"), UInt8(ascii: "d"), UInt8(ascii: "w"): return true
        default: return false
        }
    }

    private static func isSecondUnit(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "s") }

    /// `scanNumber`: decimal, hexadecimal or float; validity is decided by the parser.
    private mutating func scanNumber() -> Bool {
        let initial = pos
        var digits = Self.decimalDigits
        var hexadecimal = false
        if accept(Self.zero) && accept(Self.hexMarker) {
            _ = accept(Self.underscore)
            digits = Self.hexDigits
            hexadecimal = true
        }
        _ = accept(Self.dot)
        _ = accept(digits)
        let continuation = digits + Self.dot + Self.underscore + Self.exponent
        var dotConsumed = false
        var exponentConsumed = false
        while isNext(continuation) {
            if isNext(Self.dot), dotConsumed {
                _ = accept(Self.dot)
                return false
            }
            if isNext(Self.exponent), exponentConsumed {
                _ = accept(Self.exponent)
                return false
            }
            if accept(Self.dot) {
                dotConsumed = true
                if accept(Self.dotAntiPattern) { return false }
                if hexadecimal { return false }
                continue
            }
            if accept(Self.exponent) {
                exponentConsumed = true
                _ = accept(Self.sign)
                if accept(Self.exponentAntiPattern) || peekRune() == Self.eofRune { return false }
                continue
            }
            if accept(Self.underscore) {
                if accept(Self.exponentAntiPattern) || peekRune() == Self.eofRune { return false }
                continue
            }
            acceptRun(digits)
        }
        if pos == initial { return false }
        return !Self.isAlphaNumeric(peekRune())
    }

    // MARK: Strings

    /// `lexString`: a string in double or single quotes with Go escapes.
    private mutating func lexString(quote: Int) -> RawToken {
        while true {
            let rune = nextRune()
            switch rune {
            case Self.char("\\"):
                if let message = lexEscape(quote: quote) { return error(message) }
            case 0xFFFD:
                return error("invalid UTF-8 rune")
            case Self.eofRune, 0x0A:
                return error("unterminated quoted string")
            case quote:
                return emit(.string)
            default:
                continue
            }
        }
    }

    /// `lexEscape`: validates one escape sequence; returns the error message, if any.
    private mutating func lexEscape(quote: Int) -> String? {
        var rune = nextRune()
        var count: Int
        var base: Int
        var maximum: Int
        switch rune {
        case Self.char("a"), Self.char("b"), Self.char("f"), Self.char("n"), Self.char("r"), Self.char("t"),
            Self.char("v"), Self.char("\\"), quote:
            return nil
        case Self.char("0")...Self.char("7"):
            (count, base, maximum) = (3, 8, 255)
        case Self.char("x"):
            rune = nextRune()
            (count, base, maximum) = (2, 16, 255)
        case Self.char("u"):
            rune = nextRune()
            (count, base, maximum) = (4, 16, 0x10FFFF)
        case Self.char("U"):
            rune = nextRune()
            (count, base, maximum) = (8, 16, 0x10FFFF)
        case Self.eofRune:
            return "escape sequence not terminated"
        default:
            return "unknown escape sequence \(GoQuote.unicodeDescription(rune))"
        }
        var value = 0
        while count > 0 {
            let digit = Self.digitValue(rune)
            if digit >= base {
                if rune == Self.eofRune { return "escape sequence not terminated" }
                return "illegal character \(GoQuote.unicodeDescription(rune)) in escape sequence"
            }
            value = value * base + digit
            count -= 1
            if count > 0 { rune = nextRune() }
        }
        if value > maximum || (0xD800..<0xE000).contains(value) {
            return "escape sequence is an invalid Unicode code point"
        }
        return nil
    }

    private static func digitValue(_ rune: Int) -> Int {
        switch rune {
        case 0x30...0x39: return rune - 0x30
        case 0x61...0x66: return rune - 0x61 + 10
        case 0x41...0x46: return rune - 0x41 + 10
        default: return 16
        }
    }

    /// `lexRawString`: a string in backticks, without escapes.
    private mutating func lexRawString() -> RawToken {
        while true {
            let rune = nextRune()
            switch rune {
            case 0xFFFD: return error("invalid UTF-8 rune")
            case Self.eofRune: return error("unterminated raw string")
            case Self.char("`"): return emit(.string)
            default: continue
            }
        }
    }
}
