import Testing

@testable import PromQL

@Suite("Type rules")
struct TypeRuleTests {
    private func failure(_ source: String) -> PromQLError? {
        do {
            _ = try PromQLParser.parse(source)
            return nil
        } catch {
            return error
        }
    }

    @Test(
        "rejects what Prometheus's type checker rejects, at the node it blames",
        arguments: [
            ("abs(-1)", "expected type instant vector in call to function \"abs\", got scalar", 5),
            ("rate(x)", "expected type range vector in call to function \"rate\", got instant vector", 6),
            (
                "label_replace(x, 1, \"a\", \"b\", \"c\")",
                "expected type string in call to function \"label_replace\", got scalar", 18
            ),
            (
                "histogram_quantile(x, x)",
                "expected type scalar in call to function \"histogram_quantile\", got instant vector", 20
            ),
            ("vector(x)", "expected type scalar in call to function \"vector\", got instant vector", 8),
            ("time(1)", "expected 0 argument(s) in call to \"time\", got 1", 1),
            ("round(x, 1, 2)", "expected at most 2 argument(s) in call to \"round\", got 3", 1),
            ("label_join(x, \"a\")", "expected at least 3 argument(s) in call to \"label_join\", got 2", 1),
            ("1 < 2", "comparisons between scalars must use BOOL modifier", 3),
            ("x + bool y", "bool modifier can only be used on comparison operators", 3),
            ("1 and x", "set operator \"and\" not allowed in binary scalar expression", 1),
            ("x and on (a) group_left b", "no grouping allowed for \"and\" operation", 1),
            ("x + on (a) 1", "vector matching only allowed between instant vectors", 1),
            ("x + on (a) group_left (a) y", "label \"a\" must not occur in ON and GROUP clause at once", 3),
            ("x[5m] + 1", "binary expression must contain only scalar and instant vector types", 1),
            ("\"a\" + 1", "binary expression must contain only scalar and instant vector types", 1),
            (
                "-x[5m]",
                "unary expression only allowed on expressions of type scalar or instant vector, got \"range vector\"", 1
            ),
            ("1[5m:]", "subquery is only allowed on instant vector, got scalar instead", 1),
            ("sum(x[5m])", "expected type instant vector in aggregation expression, got range vector", 5),
            ("topk(\"a\", x)", "expected type scalar in aggregation parameter, got string", 6),
            ("count_values(1, x)", "expected type string in aggregation parameter, got scalar", 14),
            ("quantile(x, x)", "expected type scalar in aggregation parameter, got instant vector", 10),
            ("{}", "vector selector must contain at least one non-empty matcher", 1),
            ("{a=\"\"}", "vector selector must contain at least one non-empty matcher", 1),
            ("{a=~\".*\"}", "vector selector must contain at least one non-empty matcher", 1),
            ("{a=~\"a?\"}", "vector selector must contain at least one non-empty matcher", 1),
            ("{a=~\"x*|y\"}", "vector selector must contain at least one non-empty matcher", 1),
            ("{a!=\"x\"}", "vector selector must contain at least one non-empty matcher", 1),
            ("{a!~\".+\"}", "vector selector must contain at least one non-empty matcher", 1),
            ("foo{__name__=\"bar\"}", "metric name must not be set twice: \"foo\" or \"bar\"", 1),
            (
                "sum(x) offset 5m",
                "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery",
                1
            ),
            (
                "rate(x[5m]) @ 5",
                "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery", 1
            ),
            ("x offset 5m offset 1m", "offset may not be set multiple times", 1),
            ("x @ 5 @ 6", "@ <timestamp> may not be set multiple times", 1),
            ("(x)[5m]", "ranges only allowed for vector selectors", 4),
            ("x offset 5m [5m]", "no offset modifiers allowed before range", 13),
            ("x @ 5 [5m]", "no @ modifiers allowed before range", 7),
            ("mad_over_time(x[5m])", "function \"mad_over_time\" is not enabled", 1),
            ("holt_winters(x[5m], 0.5, 0.5)", "unknown function with name \"holt_winters\"", 1),
            (
                "limitk(2, x)",
                "limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions", 1
            ),
        ]
    )
    func rejected(source: String, message: String, column: Int) {
        let error = failure(source)
        #expect(error?.message == message)
        #expect(error?.position.column == column)
    }

    @Test(
        "accepts what Prometheus accepts",
        arguments: [
            "{a=~\".+\"}", "{a!=\"\"}", "{a!~\".*\"}", "x{a=\"\"}", "1 < bool 2", "x > 1", "x and y", "round(x)",
            "round(x, 0.5)", "day_of_week()", "label_join(x, \"d\", \",\", \"a\", \"b\", \"c\")",
            "absent_over_time(x[5m])",
            "histogram_quantile(0.9, sum by (le) (rate(x[5m])))", "predict_linear(x[1h], 3600)", "vector(time())",
            "x + ignoring () group_left 1", "count_values(\"v\", x)", "sort(x)", "histogram_stddev(x)",
        ]
    )
    func accepted(source: String) {
        #expect(failure(source) == nil)
    }

    @Test("knows which functions need a feature flag")
    func experimentalFunctions() {
        let experimental = PromQLFunction.all.filter(\.isExperimental).map(\.name)
        #expect(experimental.contains("sort_by_label"))
        #expect(experimental.contains("double_exponential_smoothing"))
        #expect(!experimental.contains("rate"))
        #expect(PromQLFunction.named("holt_winters") == nil)
        #expect(PromQLFunction.named("round")?.maximumArguments == 2)
        #expect(PromQLFunction.named("label_join")?.maximumArguments == nil)
    }
}
