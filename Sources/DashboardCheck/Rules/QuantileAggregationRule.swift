import PromQL

/// `quantile-aggregation`: an aggregation that adds, averages or otherwise combines a summary's
/// precomputed quantiles, the mistake the workshop teaches.
public struct QuantileAggregationRule: QueryRule {
    /// Aggregations that combine values (count, group, topk and bottomk do not).
    static let combining: Set<AggregationOperator> = [.sum, .avg, .min, .max, .stddev, .stdvar, .quantile]

    public let description = RuleDescription(
        id: "quantile-aggregation",
        severity: .error,
        summary: "an aggregation over a summary's quantile series",
        hint: "A summary's quantiles are computed inside each process; the average (or sum, or max) of two "
            + "95th percentiles is not the 95th percentile of all requests. Show each series as it is, or use "
            + "the histogram: histogram_quantile(0.95, sum by (le) (rate(x_bucket[$__rate_interval])))."
    )

    /// Makes the rule.
    public init() {}

    public func check(_ query: QueryContext) -> [RuleHit] {
        var hits: [RuleHit] = []
        ExprTraversal.walk(query.expr) { node, _ in
            guard case .aggregate(let aggregate) = node, Self.combining.contains(aggregate.op) else { return }
            var quantileSeries: String?
            ExprTraversal.walk(aggregate.expr) { inner, ancestors in
                guard quantileSeries == nil, let selector = ExprTraversal.selector(in: inner) else { return }
                // An inner aggregation is reported on its own.
                if ancestors.contains(where: { if case .aggregate = $0 { return true } else { return false } }) {
                    return
                }
                if let name = isQuantileSeries(selector, query: query, aggregate: aggregate) { quantileSeries = name }
            }
            guard let name = quantileSeries else { return }
            hits.append(
                RuleHit(
                    "\(aggregate.op.rawValue) over the summary quantiles of \(name): quantiles cannot be aggregated",
                    at: aggregate.range
                )
            )
        }
        return hits
    }

    /// The series' name when `selector` selects a summary's quantiles that `aggregate` really combines.
    private func isQuantileSeries(_ selector: VectorSelector, query: QueryContext, aggregate: AggregateExpr) -> String?
    {
        let name = ExprTraversal.metricName(of: selector)
        let entry = name.flatMap { query.catalog?.entry(for: $0) }
        let byMatcher = selector.matchers.contains {
            $0.name == "quantile" && $0.op != .notEqual && $0.op != .regexNoMatch
        }
        guard entry?.kind == .summaryQuantile || (byMatcher && entry.map { $0.kind == .summaryQuantile } ?? true)
        else { return nil }
        if let name, name.hasSuffix("_bucket") { return nil }
        // When the series' labels are known, an aggregation that keeps all of them combines nothing.
        if let labels = entry?.labels, aggregate.hasGroupingClause {
            let meaningful = labels.union(["job", "instance"]).subtracting(["__name__"])
            let kept =
                aggregate.without
                ? meaningful.subtracting(aggregate.grouping) : meaningful.intersection(aggregate.grouping)
            if kept == meaningful { return nil }
        }
        return name ?? "the selected series"
    }
}
