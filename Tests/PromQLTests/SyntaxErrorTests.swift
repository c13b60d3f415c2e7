import Testing

@testable import PromQL

@Suite("Syntax errors")
struct SyntaxErrorTests {
    private func failure(_ source: String) -> PromQLError? {
        do {
            _ = try PromQLParser.parse(source)
            return nil
        } catch {
            return error
        }
    }

    @Test(
        "words syntax errors as Prometheus and points at the offending token",
        arguments: [
            ("", "no expression found in input", 1),
            ("a b", "unexpected identifier \"b\"", 3),
            ("sum x", "unexpected identifier \"x\"", 5),
            ("sum(a b)", "unexpected identifier \"b\" in aggregation", 7),
            ("rate(a b)", "unexpected identifier \"b\"", 8),
            ("1 +", "unexpected end of input", 4),
            ("sum(1 +)", "unexpected \")\" in aggregation", 8),
            ("x{a}", "unexpected \"}\" in label matching, expected label matching operator", 4),
            ("x{a=}", "unexpected \"}\" in label matching, expected string", 5),
            ("x{a=\"b\" c=\"d\"}", "unexpected identifier \"c\" in label matching, expected \",\" or \"}\"", 9),
            ("x{,}", "unexpected \",\" in label matching, expected identifier or \"}\"", 3),
            ("x{", "unexpected end of input inside braces", 3),
            ("sum(rate(x[5m])", "unclosed left parenthesis", 16),
            (")", "unexpected right parenthesis ')'", 2),
            ("]", "unexpected right bracket ']'", 1),
            ("x[5m", "unclosed left bracket", 5),
            ("x[5m:1m:]", "unexpected colon ':'", 8),
            ("x @", "unexpected end of input in @, expected timestamp", 4),
            (
                "x offset foo",
                "unexpected identifier \"foo\" in offset, expected number, duration, step(), or range()", 10
            ),
            ("x[5m] [1m]", "ranges only allowed for vector selectors", 7),
            ("sum by a (x)", "unexpected identifier \"a\" in grouping opts, expected \"(\"", 8),
            ("sum by (a b) (x)", "unexpected identifier \"b\" in grouping opts, expected \",\" or \")\"", 11),
            ("sum by (,) (x)", "unexpected \",\" in grouping opts, expected label", 9),
            ("a + group_left b", "unexpected <group_left>", 5),
            ("foo(1,)", "trailing commas not allowed in function call args", 6),
            ("a ** b", "unexpected <op:*>", 4),
            ("x{a=~\"(\"}", "error parsing regexp: missing closing ): `^(?s:()$`", 3),
            ("x{a=~\"a**\"}", "error parsing regexp: invalid nested repetition operator: `**`", 3),
            ("x{a=\"\\q\"}", "unknown escape sequence U+0071 'q'", 5),
            ("1e400", "error parsing number: strconv.ParseFloat: parsing \"1e400\": value out of range", 1),
            ("x[1.5h]", "not a valid duration string: \"1.5h\"", 3),
            ("x[0s]", "duration must be greater than 0", 3),
            ("x @ Inf", "timestamp out of bounds for @ modifier: +Inf", 1),
            ("x[5m+1m]", "experimental duration expression is not enabled", 3),
            ("x\n  + ", "unexpected end of input", 5),
        ]
    )
    func syntaxError(source: String, message: String, column: Int) {
        let error = failure(source)
        #expect(error?.message == message)
        #expect(error?.position.column == column)
    }

    @Test("counts lines and columns in bytes from the start of the line")
    func multiline() {
        let error = failure("sum(\n  rate(x[5m]) +\n)")
        #expect(error?.position.line == 3)
        #expect(error?.position.column == 1)
        #expect(error?.position.offset == 21)
        #expect(error?.description == "3:1: parse error: unexpected \")\" in aggregation")
    }

    @Test("renders the line with a caret under the error")
    func caret() throws {
        let source = "sum(rate(x[5m])"
        let error = try #require(failure(source))
        #expect(error.rendered(in: source) == "sum(rate(x[5m])\n               ^\n1:16: unclosed left parenthesis")
    }

    @Test(
        "never traps on junk",
        arguments: [
            "\u{0}", "\u{FFFD}", "{{{{", "]]]]", "((((", "\"\\", "`", "x[", "x[5m:", "@@@", "offset offset offset",
            "sum by", "1e", "0x", ".", "x{a=~\"\\\\\"}", "x{a=~\"[\"}", "x @ 1e300", "x offset 1e300", "x[1e300]",
            "9999999999999999999999999999y", "x offset NaN", "x[NaN]", "#", "\n\n\n",
        ]
    )
    func junk(source: String) {
        _ = failure(source)
    }
}
