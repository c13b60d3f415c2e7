/// The PromQL text of every query of one dashboard, as written, searched for a family's other
/// series: `x_count` read raw is a counter only if `x` is a histogram or a summary, which the
/// dashboard shows when it also reads `x_bucket`, `x_sum` or `x{quantile=...}`.
public struct DashboardExpressions: Sendable {
    /// The expressions, in the dashboard's order.
    public var texts: [String]

    /// Makes the set.
    public init(_ texts: [String] = []) {
        self.texts = texts
    }

    /// True when some expression names the series `name` (as a whole identifier).
    public func mentions(_ name: String) -> Bool {
        texts.contains { !Self.occurrences(of: name, in: Array($0.utf8)).isEmpty }
    }

    /// True when some expression selects `family` with a `quantile` matcher (a summary's quantiles).
    public func mentionsQuantiles(of family: String) -> Bool {
        texts.contains { text in
            let bytes = Array(text.utf8)
            return Self.occurrences(of: family, in: bytes).contains { end in
                var index = end
                while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return false }
                let close = bytes[index...].firstIndex(of: UInt8(ascii: "}")) ?? bytes.count
                return !Self.occurrences(of: "quantile", in: Array(bytes[index..<close])).isEmpty
            }
        }
    }

    /// The end offsets of every whole-identifier occurrence of `name` in `bytes`.
    private static func occurrences(of name: String, in bytes: [UInt8]) -> [Int] {
        let needle = Array(name.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return [] }
        var ends: [Int] = []
        var start = 0
        while start + needle.count <= bytes.count {
            if bytes[start] == needle[0], bytes[start..<(start + needle.count)].elementsEqual(needle) {
                let end = start + needle.count
                let before = start == 0 ? nil : bytes[start - 1]
                let after = end < bytes.count ? bytes[end] : nil
                if !(before.map(isIdentifier) ?? false), !(after.map(isIdentifier) ?? false) { ends.append(end) }
            }
            start += 1
        }
        return ends
    }

    private static func isIdentifier(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ":")
    }
}
