import DashboardCheck
import Testing

@Suite("The JSON reader")
struct JSONReaderTests {
    @Test("reads every kind of value and keeps member order")
    func values() throws {
        let node = try JSONReader.parse(#"{"a": [1, -2.5e3, true, false, null], "b": "x\"\u00e9\n", "a2": {}}"#)
        #expect(node.members?.map(\.key) == ["a", "b", "a2"])
        #expect(node["a"]?.array?.map(\.number) == [1, -2500, nil, nil, nil])
        #expect(node["a"]?.array?[2].bool == true)
        #expect(node["b"]?.string == "x\"\u{e9}\n")
    }

    @Test(
        "reports errors with line and column",
        arguments: [
            ("{\n  \"a\": 1,\n  \"b\" 2\n}", 3, 7, "expected ':'"),
            ("[1, 2", 1, 6, "end of input"),
            ("{\"a\": tru}", 1, 7, "expected a value"),
            ("{\"a\": 01}", 1, 8, "leading zero"),
            ("{\"a\": \"x\ty\"}", 1, 9, "control character"),
            ("{} {}", 1, 4, "after the end"),
            ("{\"é\": x}", 1, 7, "expected a value"),
        ]
    )
    func errors(text: String, line: Int, column: Int, words: String) {
        #expect {
            _ = try JSONReader.parse(text)
        } throws: { error in
            guard let error = error as? JSONReadError else { return false }
            return error.line == line && error.column == column && error.message.contains(words)
        }
    }

    @Test("refuses nesting deeper than its limit instead of crashing")
    func deepNesting() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: JSONReadError.self) { try JSONReader.parse(text) }
    }

    @Test("maps an offset inside a string value back to the file, across escapes")
    func sourceOffsets() throws {
        let text = #"{"expr": "a{b=\"c\"}[5m]"}"#
        let bytes = Array(text.utf8)
        let node = try JSONReader.parse(bytes)
        let expr = try #require(node["expr"])
        let decoded = try #require(expr.string)
        let offsetOf5 = try #require(decoded.utf8.firstIndex(of: UInt8(ascii: "5")))
        let utf8Offset = decoded.utf8.distance(from: decoded.utf8.startIndex, to: offsetOf5)
        let fileOffset = JSONReader.sourceOffset(inString: expr.offset, utf8Offset: utf8Offset, of: bytes)
        #expect(bytes[fileOffset] == UInt8(ascii: "5"))
    }
}
