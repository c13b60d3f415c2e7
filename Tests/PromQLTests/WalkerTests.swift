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
}
