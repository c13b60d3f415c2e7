import PromQL

/// `counter-without-rate`: a counter read as a raw value, outside `rate`, `irate`, `increase`,
/// `resets` or an `absent*` function.
///
/// An error when the metric's type is declared (`--metrics`, `--prometheus`, `--catalog`); a
/// warning that says so when only the name tells (`_total`, or `_count`/`_sum` beside their
/// family's other series on the same dashboard). A metric name that a variable wrote (`$metric`)
/// is not judged: its saved value says nothing about what the author meant.
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
        // The severity with a declared type; a name alone gives a warning.
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
        let hasTypes = query.catalog != nil || query.declaredTypes != nil
        var hits: [RuleHit] = []
        ExprTraversal.walk(query.expr) { node, ancestors in
            guard let selector = ExprTraversal.selector(in: node),
                let name = ExprTraversal.metricName(of: selector),
                hasTypes || Self.mightCount(name)
            else { return }
            // The ancestors first: most counters are read correctly, and the evidence may search the dashboard.
            var isInHistogramQuantile = false
            for ancestor in ancestors {
                switch ancestor {
                case .call(let call) where Self.readingFunctions.contains(call.function): return
                case .call(let call) where call.function == "histogram_quantile": isInHistogramQuantile = true
                case .aggregate(let aggregate) where Self.countingAggregations.contains(aggregate.op): return
                default: continue
                }
            }
            guard !query.isSubstituted(ExprTraversal.nameRange(of: selector)),
                let evidence = query.evidence(of: name), evidence.kind.isCounterLike,
                // Buckets given straight to histogram_quantile are `histogram-quantile-le`'s finding.
                !(isInHistogramQuantile && evidence.kind == .histogramBucket)
            else { return }
            switch evidence.basis {
            case .declared(let source):
                hits.append(
                    RuleHit(
                        "the counter \(name) is used as a raw value; wrap it in rate(), irate() or increase() "
                            + "(its type is from \(source))",
                        at: node.range
                    )
                )
            case .name(let reason):
                hits.append(
                    RuleHit(
                        "\(name) is used as a raw value and is a counter by its name (\(reason)); if it is one, "
                            + "wrap it in rate(), irate() or increase(); --metrics, --prometheus or --catalog "
                            + "tell its type",
                        at: node.range,
                        severity: .warning
                    )
                )
            }
        }
        return hits
    }

    /// True when the name alone could make `name` a counter (`QueryContext.evidence` decides).
    static func mightCount(_ name: String) -> Bool {
        name.hasSuffix("_total") || name.hasSuffix("_count") || name.hasSuffix("_sum") || name.hasSuffix("_bucket")
    }
}
