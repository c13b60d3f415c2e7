import Testing

@testable import PromQL

@Suite("Walker")
struct WalkerTests {
    @Test("finds each selector's metric, the functions around it and the enclosing grouping")
    func selectorsInContext() throws {
        let tree = try PromQLParser.parse(
            "sum by (status) (rate(http_requests_total{job=\"api\"}[5m])) / ignoring (status) group_left sum(rate({__name__=\"http_requests_total\"}[5m]))"
        )
        var found: [(metric: String?, functions: [String], grouping: [[String]])] = []
        tree.walk { node, ancestors in
            guard case .vectorSelector(let selector) = node else { return }
            var functions: [String] = []
            var grouping: [[String]] = []
            for ancestor in ancestors {
                if case .call(let call) = ancestor { functions.append(call.function) }
                if case .aggregate(let aggregate) = ancestor { grouping.append(aggregate.grouping) }
            }
            found.append((selector.metricName, functions, grouping))
        }
        #expect(found.count == 2)
        #expect(found[0].metric == "http_requests_total")
        #expect(found[0].functions == ["rate"])
        #expect(found[0].grouping == [["status"]])
        #expect(found[1].metric == "http_requests_total")
        #expect(found[1].grouping == [[]])
        #expect(tree.vectorSelectors.count == 2)
    }

    @Test("lists children in source order")
    func children() throws {
        let tree = try PromQLParser.parse("topk(3, x) + y")
        guard case .binary(let binary) = tree else {
            Issue.record("not a binary expression")
            return
        }
        #expect(tree.children.count == 2)
        #expect(binary.lhs.children.map(\.description) == ["3", "x"])
        #expect(tree.range.start == 0)
        #expect(tree.range.end == 14)
    }

    @Test("gives each selector its context: range, functions and grouping, innermost first")
    func selectorContexts() throws {
        let tree = try PromQLParser.parse(
            "histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m]))) > on () group_left max(y) or absent(z)"
        )
        let contexts = tree.selectorContexts
        #expect(contexts.map(\.metricName) == ["x_bucket", "y", "z"])
        #expect(contexts[0].functionNames == ["rate", "histogram_quantile"])
        #expect(contexts[0].range?.duration == PromDuration(milliseconds: 300_000))
        #expect(contexts[0].groupingLabels == ["le"])
        #expect(contexts[1].aggregations.map(\.op) == [.max])
        #expect(contexts[1].range == nil)
        #expect(contexts[2].functionNames == ["absent"])
        #expect(contexts[2].binaryOperations.map(\.op) == [.or])
    }
}
