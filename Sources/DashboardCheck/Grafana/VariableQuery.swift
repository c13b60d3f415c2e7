/// The PromQL inside a Prometheus query variable: Grafana's `label_values(selector, label)`,
/// `query_result(expr)` and `series(selector)` wrap PromQL; `label_values(label)`,
/// `label_names()` and `metrics(regex)` hold none.
public struct VariableQuery: Sendable, Equatable {
    /// The PromQL text.
    public var expression: String
    /// The UTF-8 offset of `expression` in the variable's query.
    public var offset: Int
    /// True when `expression` is a bare series selector (`label_values`, `series`), false for `query_result`.
    public var isSelector: Bool

    /// Finds the PromQL in a variable query; nil when it holds none.
    ///
    /// Grammar (Grafana's Prometheus variable queries):
    /// `query = name "(" arguments ")"`; `label_values(label)` | `label_values(selector, label)` |
    /// `query_result(expr)` | `series(selector)` | `label_names(...)` | `metrics(regex)`.
    public static func parse(_ query: String) -> VariableQuery? {
        let bytes = Array(query.utf8)
        var start = 0
        while start < bytes.count, isSpace(bytes[start]) { start += 1 }
        var nameEnd = start
        while nameEnd < bytes.count, isNameByte(bytes[nameEnd]) { nameEnd += 1 }
        let name = String(decoding: bytes[start..<nameEnd], as: UTF8.self)
        var open = nameEnd
        while open < bytes.count, isSpace(bytes[open]) { open += 1 }
        guard open < bytes.count, bytes[open] == UInt8(ascii: "(") else { return nil }
        var close = bytes.count - 1
        while close > open, isSpace(bytes[close]) { close -= 1 }
        guard bytes[close] == UInt8(ascii: ")") else { return nil }
        let inner = (open + 1)..<close
        switch name {
        case "query_result":
            return trimmed(bytes, inner, isSelector: false)
        case "series":
            return trimmed(bytes, inner, isSelector: true)
        case "label_values":
            guard let comma = lastTopLevelComma(bytes, inner) else { return nil }
            return trimmed(bytes, inner.lowerBound..<comma, isSelector: true)
        default:
            return nil
        }
    }

    private static func trimmed(_ bytes: [UInt8], _ range: Range<Int>, isSelector: Bool) -> VariableQuery? {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        guard lower < upper else { return nil }
        return VariableQuery(
            expression: String(decoding: bytes[lower..<upper], as: UTF8.self),
            offset: lower,
            isSelector: isSelector
        )
    }

    /// Grafana splits `label_values(selector, label)` at the last comma followed by a label name
    /// (its pattern is `label_values\((?:(.+),\s*)?([a-zA-Z_$][a-zA-Z0-9_]*)\)`).
    private static func lastTopLevelComma(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var end = range.upperBound
        while end > range.lowerBound, isSpace(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > range.lowerBound, isLabelByte(bytes[start - 1]) { start -= 1 }
        guard start < end else { return nil }
        var comma = start
        while comma > range.lowerBound, isSpace(bytes[comma - 1]) { comma -= 1 }
        guard comma > range.lowerBound, bytes[comma - 1] == UInt8(ascii: ",") else { return nil }
        return comma - 1
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        isNameByte(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "$")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
    }
}
