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

    private static func lastTopLevelComma(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var depth = 0
        var quote: UInt8?
        var last: Int?
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if let open = quote {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == open { quote = nil }
            } else {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"): quote = byte
                case UInt8(ascii: "("), UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
                case UInt8(ascii: ","): if depth == 0 { last = index }
                default: break
                }
            }
            index += 1
        }
        return last
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
    }
}
