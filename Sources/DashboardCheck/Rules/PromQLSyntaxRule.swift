import PromQL

/// `promql-syntax`: the query does not parse, or does not type-check, as Prometheus would say.
public enum PromQLSyntaxRule {
    /// The rule's id, severity and hint.
    public static let description = RuleDescription(
        id: "promql-syntax",
        severity: .error,
        summary: "a query Prometheus rejects",
        hint: "Try the query in Prometheus's expression browser (http://localhost:9090/graph): the position "
            + "above is where the parser gave up."
    )

    /// The finding for a query the parser rejected with `error`: a MetricsQL function or keyword is
    /// named as such (with its own hint); otherwise Prometheus's message, followed, when the error
    /// lies in a variable's value, by that variable and its value on this dashboard.
    public static func hit(for error: PromQLError, in expanded: ExpandedQuery) -> RuleHit {
        let offset = max(0, error.position.offset)
        if let sighting = MetricsQL.firstSighting(in: expanded.text),
            sighting.isUnambiguous || sighting.range.contains(offset) || sighting.range.upperBound == offset
        {
            let range = SourceRange(start: sighting.range.lowerBound, end: sighting.range.upperBound)
            let written = expanded.originalText(of: expanded.originalRange(of: range))
            // A function name a variable wrote is quoted as the author wrote it, with its value.
            let message =
                written == sighting.word
                ? MetricsQL.message(for: sighting)
                : "\(written) is \(sighting.word) on this dashboard: " + MetricsQL.message(for: sighting)
            return RuleHit(message, at: range, hint: MetricsQL.hint)
        }
        var message = error.message
        if let substitution = expanded.substitutions.first(where: {
            $0.expandedRange.contains(offset) || ($0.expandedRange.isEmpty && $0.expandedRange.lowerBound == offset)
        }) {
            message += " (where \(expanded.describe(substitution)))"
        }
        return RuleHit(message, at: SourceRange(start: offset, end: offset + 1))
    }
}
