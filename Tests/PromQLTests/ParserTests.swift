import Testing

@testable import PromQL

@Suite("Parser: precedence, associativity and constructs")
struct ParserTests {
    private func parse(_ source: String) throws -> Expr {
        try PromQLParser.parse(source)
    }

    /// Prints with every binary expression parenthesised, to show how the tree was grouped.
    private func grouping(_ expr: Expr) -> String {
        switch expr {
        case .binary(let binary):
            return "(\(grouping(binary.lhs)) \(binary.op.rawValue) \(grouping(binary.rhs)))"
        case .unary(let unary):
            return "\(unary.op.rawValue)\(grouping(unary.expr))"
        case .paren(let paren):
            return grouping(paren.expr)
        default:
            return expr.description
        }
    }

    @Test(
        "binds operators as Prometheus does",
        arguments: [
            ("1 + 2 * 3", "(1 + (2 * 3))"),
            ("1 * 2 + 3", "((1 * 2) + 3)"),
            ("2 ^ 3 ^ 2", "(2 ^ (3 ^ 2))"),
            ("1 - 2 - 3", "((1 - 2) - 3)"),
            ("a or b and c", "(a or (b and c))"),
            ("a and b unless c", "((a and b) unless c)"),
            ("a > b + c", "(a > (b + c))"),
            ("a + b atan2 c", "(a + (b atan2 c))"),
            ("a == b or c", "((a == b) or c)"),
            ("-a * b", "(-a * b)"),
            ("-a ^ b", "-(a ^ b)"),
            ("a * -b ^ c", "(a * -(b ^ c))"),
        ]
    )
    func precedence(source: String, expected: String) throws {
        #expect(grouping(try parse(source)) == expected)
    }

    @Test("folds a sign into a number literal but keeps -2^2 as -(2^2)")
    func unaryMinus() throws {
        guard case .number(let literal) = try parse("-1") else {
            Issue.record("-1 is not a number literal")
            return
        }
        #expect(literal.value == -1)
        guard case .unary(let unary) = try parse("-2^2") else {
            Issue.record("-2^2 is not a unary expression")
            return
        }
        #expect(unary.op == .minus)
    }

    @Test("reads modifiers in either order onto the selector")
    func modifiers() throws {
        for source in ["x offset 5m @ 100", "x @ 100 offset 5m"] {
            guard case .vectorSelector(let selector) = try parse(source) else {
                Issue.record("\(source) is not a selector")
                continue
            }
            #expect(selector.offset == PromDuration(milliseconds: 300_000))
            #expect(selector.at == .timestamp(milliseconds: 100_000))
        }
        guard case .matrixSelector(let matrix) = try parse("x[5m] offset -1h") else {
            Issue.record("not a range selector")
            return
        }
        #expect(matrix.selector.offset == PromDuration(milliseconds: -3_600_000))
        #expect(matrix.duration == PromDuration(milliseconds: 300_000))
    }

    @Test("reads subqueries with and without a step")
    func subqueries() throws {
        guard case .subquery(let subquery) = try parse("rate(x[5m])[30m:1m] @ end()") else {
            Issue.record("not a subquery")
            return
        }
        #expect(subquery.duration == PromDuration(milliseconds: 1_800_000))
        #expect(subquery.step == PromDuration(milliseconds: 60_000))
        #expect(subquery.at == .end)
        guard case .subquery(let noStep) = try parse("x[5m:]") else {
            Issue.record("not a subquery")
            return
        }
        #expect(noStep.step == nil)
    }

    @Test("reads aggregations with the grouping before or after the arguments")
    func aggregations() throws {
        let before = try parse("sum by (job, le) (x)")
        let after = try parse("sum(x) by (job, le)")
        #expect(before == after)
        guard case .aggregate(let aggregate) = before else {
            Issue.record("not an aggregation")
            return
        }
        #expect(aggregate.grouping == ["job", "le"])
        #expect(aggregate.without == false)
        guard case .aggregate(let topk) = try parse("topk without (a) (5, x)") else {
            Issue.record("not an aggregation")
            return
        }
        #expect(topk.parameter == .number(NumberLiteral(value: 5, range: SourceRange(start: 0, end: 0))))
        #expect(topk.without)
    }

    @Test("reads vector matching with on, ignoring and group modifiers")
    func vectorMatching() throws {
        guard case .binary(let binary) = try parse("a / on (job) group_left (instance, env) b") else {
            Issue.record("not a binary expression")
            return
        }
        #expect(binary.matching?.on == true)
        #expect(binary.matching?.matchingLabels == ["job"])
        #expect(binary.matching?.cardinality == .manyToOne)
        #expect(binary.matching?.include == ["instance", "env"])
        guard case .binary(let set) = try parse("a and ignoring (x) b") else {
            Issue.record("not a binary expression")
            return
        }
        #expect(set.matching?.cardinality == .manyToMany)
    }

    @Test(
        "lets keywords name labels and metrics where Prometheus does",
        arguments: [
            "sum by (on, by, bool, offset) (x)", "{by=\"x\"}", "offset", "sum", "and{a=\"b\"}", "x{group_left=\"1\"}",
        ]
    )
    func keywordsAsNames(source: String) throws {
        _ = try parse(source)
    }

    @Test("reads UTF-8 metric and label names in quotes")
    func quotedNames() throws {
        guard case .vectorSelector(let selector) = try parse("{\"my.metric\", \"a.b\"=\"x\",}") else {
            Issue.record("not a selector")
            return
        }
        #expect(selector.metricName == "my.metric")
        #expect(selector.matcher(for: "a.b")?.value == "x")
    }

    @Test(
        "gives every expression Prometheus's type",
        arguments: [
            ("1", ValueType.scalar), ("\"a\"", .string), ("x", .vector), ("x[5m]", .matrix), ("x[5m:]", .matrix),
            ("rate(x[5m])", .vector), ("time()", .scalar), ("1 + 1", .scalar), ("x + 1", .vector), ("-(1)", .scalar),
            ("scalar(x)", .scalar), ("sum(x)", .vector),
        ]
    )
    func types(source: String, type: ValueType) throws {
        #expect(try parse(source).type == type)
    }
}
