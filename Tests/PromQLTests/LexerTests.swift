import Testing

@testable import PromQL

@Suite("Lexer")
struct LexerTests {
    private func kinds(_ source: String) -> [TokenKind] {
        Lexer.tokenize(source).map(\.kind)
    }

    @Test("splits a selector with matchers into tokens with byte offsets")
    func selectorTokens() {
        let tokens = Lexer.tokenize("up{job=~\"a.*\"}[5m]")
        #expect(
            tokens.map(\.kind) == [
                .identifier, .leftBrace, .identifier, .eqlRegex, .string, .rightBrace,
                .leftBracket, .duration, .rightBracket, .eof,
            ]
        )
        #expect(tokens.map(\.offset) == [0, 2, 3, 6, 8, 13, 14, 15, 17, 18])
        #expect(tokens[4].text == "\"a.*\"")
    }

    @Test("reads metric names with colons and keywords in any case")
    func identifiersAndKeywords() {
        #expect(
            kinds("job:rate5m:sum SUM By offset AND atan2") == [
                .metricIdentifier, .sum, .by, .offset, .land, .atan2, .eof,
            ]
        )
        #expect(Lexer.tokenize("SUM")[0].text == "SUM")
    }

    @Test("treats keywords inside braces as plain label names")
    func keywordsInsideBraces() {
        #expect(
            kinds("{by=\"x\", on!=\"y\"}") == [
                .leftBrace, .identifier, .eql, .string, .comma, .identifier, .neq, .string, .rightBrace, .eof,
            ]
        )
    }

    @Test(
        "reads numbers in every form Prometheus accepts",
        arguments: ["1", "1.5", ".5", "5.", "1e3", "1E-3", "0x1F", "Inf", "nan", "1_000"]
    )
    func numbers(source: String) {
        #expect(kinds(source) == [.number, .eof])
    }

    @Test("reads single and compound durations", arguments: ["5m", "1h30m", "1y2w3d4h5m6s7ms", "500ms", "1d"])
    func durations(source: String) {
        #expect(kinds(source) == [.duration, .eof])
    }

    @Test("reads every operator")
    func operators() {
        #expect(
            kinds("+ - * / % ^ == != > < >= <= @ and or unless atan2") == [
                .add, .sub, .mul, .div, .mod, .pow, .eqlc, .neq, .gtr, .lss, .gte, .lte, .at, .land, .lor, .lunless,
                .atan2, .eof,
            ]
        )
    }

    @Test("skips nothing but reports comments to the end of the line")
    func comments() {
        let tokens = Lexer.tokenize("x # a comment\n+ y")
        #expect(tokens.map(\.kind) == [.identifier, .comment, .add, .identifier, .eof])
        #expect(tokens[1].text == "# a comment")
    }

    @Test("reads strings in three quotes, keeping raw strings raw")
    func strings() {
        #expect(kinds("\"a\\\"b\" 'c\\'d' `e\\f`") == [.string, .string, .string, .eof])
        #expect(GoQuote.unquote(Array("\"\\x41\\u00e9\\101\\n\"".utf8)) == "Aé" + "A\n")
        #expect(GoQuote.unquote(Array("`a\\n`".utf8)) == "a\\n")
    }

    @Test(
        "reports bad input as an error token with Prometheus's message",
        arguments: [
            ("\"abc", "unterminated quoted string"),
            ("`abc", "unterminated raw string"),
            ("\"\\q\"", "unknown escape sequence U+0071 'q'"),
            ("\"\\x4\"", "illegal character U+0022 '\"' in escape sequence"),
            ("$", "unexpected character: '$'"),
            ("x{", "unexpected end of input inside braces"),
            ("sum(", "unclosed left parenthesis"),
            ("1x", "bad number or duration syntax: \"1\""),
            ("!x", "unexpected character after '!': 'x'"),
            ("x{a!b}", "unexpected character after '!' inside braces: 'b'"),
        ]
    )
    func errors(source: String, message: String) {
        let last = Lexer.tokenize(source).last
        #expect(last?.kind == .error)
        #expect(last?.text == message)
    }
}
