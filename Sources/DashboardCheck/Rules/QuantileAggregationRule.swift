import PromQL

/// `quantile-aggregation`: an aggregation that adds, averages or otherwise combines quantiles: a
/// summary's precomputed quantile series, or the results of `histogram_quantile` (one percentile per
/// instance, say). The mistake the workshop teaches.
public struct QuantileAggregationRule: QueryRule {
    /// Aggregations that combine values (count, group, topk and bottomk do not).
    static let combining: Set<AggregationOperator> = [.sum, .avg, .min, .max, .stddev, .stdvar, .quantile]

    public let description = RuleDescription(
        id: "quantile-aggregation",
        severity: .error,
        summary: "an aggregation over quantiles (a summary's quantile series or histogram_quantile results)",
        hint: "The average (or sum, or max) of two 95th percentiles is not the 95th percentile of all requests: "
            + "a summary's quantiles are computed inside each process, and histogram_quantile per instance "
            + "gives one percentile per instance. Aggregate the buckets, then take the quantile once: "
            + "histogram_quantile(0.95, sum by (le) (rate(x_bucket[$__rate_interval])))."
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
            if quantileSeries == nil, let perGroup = Self.combinedHistogramQuantile(under: aggregate) {
                hits.append(
                    RuleHit(
                        "\(aggregate.op.rawValue) over histogram_quantile results \(perGroup): percentiles cannot be "
                            + "\(aggregate.op == .avg ? "averaged" : "combined"); aggregate the buckets inside "
                            + "histogram_quantile instead",
                        at: aggregate.range
                    )
                )
                return
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

    /// When `aggregate` combines several `histogram_quantile` results, how they are split ("one per
    /// instance"); nil when it combines none (no such call, or it keeps every label the results have).
    static func combinedHistogramQuantile(under aggregate: AggregateExpr) -> String? {
        var found: String?
        ExprTraversal.walk(aggregate.expr) { node, ancestors in
            guard found == nil, case .call(let call) = node, call.function == "histogram_quantile",
                call.arguments.count == 2,
                !ancestors.contains(where: { if case .aggregate = $0 { return true } else { return false } })
            else { return }
            // The labels each result keeps: those of the bucket aggregation, without `le`.
            guard case .aggregate(let buckets) = call.arguments[1].unparenthesized, !buckets.without else {
                found = "(one per series)"
                return
            }
            let labels = Set(buckets.grouping).subtracting(["le"])
            let kept: Set<String> =
                aggregate.without
                ? labels.subtracting(aggregate.grouping) : labels.intersection(aggregate.grouping)
            if kept != labels {
                found = "(one per " + labels.subtracting(kept).sorted().joined(separator: " and ") + ")"
            }
        }
        return found
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
