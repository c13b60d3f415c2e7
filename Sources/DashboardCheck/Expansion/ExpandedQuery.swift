import PromQL

/// A query with its variables replaced by values that keep it valid PromQL, and the record of
/// what was replaced where.
public struct ExpandedQuery: Sendable {
    /// The query as written in the dashboard.
    public var original: String
    /// The query with every variable replaced.
    public var text: String
    /// What was replaced, in order.
    public var substitutions: [Substitution]

    /// Makes an expanded query.
    public init(original: String, text: String, substitutions: [Substitution]) {
        self.original = original
        self.text = text
        self.substitutions = substitutions
    }

    /// The UTF-8 offset in `original` that corresponds to `offset` in `text`
    /// (an offset inside a replaced value maps to the start of its reference).
    public func originalOffset(of offset: Int) -> Int {
        var shift = 0
        for substitution in substitutions {
            if offset < substitution.expandedRange.lowerBound { break }
            if offset < substitution.expandedRange.upperBound { return substitution.originalRange.lowerBound }
            shift = substitution.originalRange.upperBound - substitution.expandedRange.upperBound
        }
        return offset + shift
    }

    /// The UTF-8 range in `original` that corresponds to `range` in `text`.
    public func originalRange(of range: SourceRange) -> Range<Int> {
        let start = originalOffset(of: range.start)
        var end = range.end
        if let covering = substitutions.first(where: { $0.expandedRange.contains(max(range.end - 1, 0)) }) {
            end = covering.originalRange.upperBound
        } else {
            end = originalOffset(of: range.end)
        }
        return start..<max(start, end)
    }

    /// The substitution whose value covers exactly the text at `range` (as in `[$__rate_interval]`),
    /// or nil when that text was written literally.
    public func substitution(covering range: SourceRange) -> Substitution? {
        substitutions.first { $0.expandedRange.lowerBound <= range.start && range.end <= $0.expandedRange.upperBound }
    }
}
