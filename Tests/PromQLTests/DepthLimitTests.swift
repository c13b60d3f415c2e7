import Testing

@testable import PromQL

@Suite("Depth limit and hostile input")
struct DepthLimitTests {
    private func message(_ source: String) -> String? {
        do {
            _ = try PromQLParser.parse(source)
            return nil
        } catch {
            return error.message
        }
    }

    private let tooDeep = "expression nests too deeply (more than 500 levels)"

    @Test("rejects 100,000 nested parentheses with a clear error")
    func nestedParentheses() {
        let source = String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000)
        #expect(message(source) == tooDeep)
    }

    @Test("rejects 100,000 unary minus signs and nested calls")
    func nestedUnaryAndCalls() {
        #expect(message(String(repeating: "-", count: 100_000) + "1") == tooDeep)
        let calls = String(repeating: "abs(", count: 50_000) + "x" + String(repeating: ")", count: 50_000)
        #expect(message(calls) == tooDeep)
    }

    @Test("rejects a chain of 100,000 additions, whose tree is as deep")
    func longChain() {
        let source = Array(repeating: "x", count: 100_000).joined(separator: " + ")
        #expect(message(source) == tooDeep)
    }

    @Test(
        "accepts every kind of nesting just under the limit, and prints, compares and walks it",
        arguments: [
            ("(", ")"), ("abs(", ")"), ("sum(", ")"), ("-(", ")"), ("max_over_time(", "[5m:])"), ("abs(-", ")"),
            ("topk by (a) (1, ", ")"), ("1 + (", ")"),
        ]
    )
    func underTheLimit(open: String, close: String) throws {
        let levels = PromQLParser.maximumDepth / 2 - 2
        let source = String(repeating: open, count: levels) + "x" + String(repeating: close, count: levels)
        let tree = try PromQLParser.parse(source)
        let reparsed = try PromQLParser.parse(tree.description)
        #expect(reparsed == tree)
        var count = 0
        tree.walk { _, _ in count += 1 }
        #expect(count > levels)
    }

    @Test("survives binary junk and an unclosed string at the end of a long input")
    func junk() {
        var bytes: [UInt8] = []
        var state: UInt64 = 42
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(UInt8(truncatingIfNeeded: state >> 33))
        }
        _ = message(String(decoding: bytes, as: UTF8.self))
        #expect(
            message(String(repeating: "x + ", count: 10) + "\"" + String(repeating: "a", count: 100_000))
                == "unterminated quoted string"
        )
    }
}
