import PromQL

/// `counter-without-rate`: a counter read as a raw value, outside `rate`, `irate`, `increase`,
/// `resets` or an `absent*` function.
public struct CounterWithoutRateRule: QueryRule {
    /// Functions that read a counter correctly (or only ask whether it exists or changed).
    static let readingFunctions: Set<String> = [
        "rate", "irate", "increase", "resets", "changes", "absent", "absent_over_time", "present_over_time",
        "count_over_time", "timestamp",
    ]
    /// Aggregations that count series rather than add their values.
    static let countingAggregations: Set<AggregationOperator> = [.count, .group]

    public let description = RuleDescription(
        id: "counter-without-rate",
        severity: .error,
        summary: "a counter used as a raw value",
        hint: "A counter only goes up and resets to zero when the process restarts, so its raw value means "
            + "\"since some restart\". Read it through rate(x[$__rate_interval]) for a per-second rate, or "
            + "increase(x[$__range]) for a count over the dashboard's range."
    )

    /// Makes the rule.
    public init() {}

    public func check(_ query: QueryContext) -> [RuleHit] {
        guard query.origin != .variableSelector else { return [] }
        var hits: [RuleHit] = []
        ExprTraversal.walk(query.expr) { node, ancestors in
            guard let selector = ExprTraversal.selector(in: node),
                let name = ExprTraversal.metricName(of: selector),
                let kind = query.kind(of: name), kind.isCounterLike
            else { return }
            for ancestor in ancestors {
                switch ancestor {
                case .call(let call) where Self.readingFunctions.contains(call.function): return
                // Buckets given straight to histogram_quantile are `histogram-quantile-le`'s finding.
                case .call(let call) where call.function == "histogram_quantile" && kind == .histogramBucket: return
                case .aggregate(let aggregate) where Self.countingAggregations.contains(aggregate.op): return
                default: continue
                }
            }
            hits.append(
                RuleHit(
                    "the counter \(name) is used as a raw value; wrap it in rate(), irate() or increase()",
                    at: node.range
                )
            )
        }
        return hits
    }
}
