import PromQL

/// `rate-on-non-counter`: `rate`, `irate` or `increase` over a gauge (needs a declared type:
/// `--metrics`, `--prometheus` or `--catalog`).
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
        guard query.catalog != nil || query.declaredTypes != nil else { return [] }
        var hits: [RuleHit] = []
        ExprTraversal.walk(query.expr) { node, _ in
            guard case .call(let call) = node, ["rate", "irate", "increase"].contains(call.function),
                let argument = call.arguments.first,
                case .matrixSelector(let matrix) = argument.unparenthesized,
                let name = ExprTraversal.metricName(of: matrix.selector),
                !query.isSubstituted(ExprTraversal.nameRange(of: matrix.selector)),
                let evidence = query.evidence(of: name),
                case .declared(let source) = evidence.basis,
                evidence.kind == .gauge || evidence.kind == .summaryQuantile
            else { return }
            let what = evidence.kind == .gauge ? "a gauge" : "a summary's quantile series (a gauge)"
            hits.append(
                RuleHit(
                    "\(call.function)() over \(name), which is \(what) (its type is from \(source))",
                    at: matrix.range
                )
            )
        }
        return hits
    }
}
