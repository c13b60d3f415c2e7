import PromQL

/// `rate-on-non-counter`: `rate`, `irate` or `increase` over a gauge (needs `--metrics`).
public struct RateOnNonCounterRule: QueryRule {
    public let description = RuleDescription(
        id: "rate-on-non-counter",
        severity: .error,
        summary: "rate(), irate() or increase() over a gauge",
        hint: "rate() assumes a counter: every drop is read as a restart, so a gauge going down becomes a "
            + "spike. Show a gauge as it is, or use deriv() for its slope and avg_over_time() to smooth it."
    )

    /// Makes the rule.
    public init() {}

    public func check(_ query: QueryContext) -> [RuleHit] {
        guard let catalog = query.catalog else { return [] }
        var hits: [RuleHit] = []
        ExprTraversal.walk(query.expr) { node, _ in
            guard case .call(let call) = node, ["rate", "irate", "increase"].contains(call.function),
                let argument = call.arguments.first,
                case .matrixSelector(let matrix) = argument.unparenthesized,
                let name = ExprTraversal.metricName(of: matrix.selector),
                let entry = catalog.entry(for: name),
                entry.kind == .gauge || entry.kind == .summaryQuantile
            else { return }
            let what = entry.kind == .gauge ? "a gauge" : "a summary's quantile series (a gauge)"
            hits.append(RuleHit("\(call.function)() over \(name), which is \(what)", at: matrix.range))
        }
        return hits
    }
}
