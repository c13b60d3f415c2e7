import PromQL

/// `unknown-metric`: a metric the application does not expose (needs `--metrics` or `--prometheus`).
public struct UnknownMetricRule: QueryRule {
    public let description = RuleDescription(
        id: "unknown-metric",
        severity: .error,
        summary: "a metric the application does not expose",
        hint: "Check the name against the app's /metrics page: a typo, a missing suffix (_total, _bucket, "
            + "_seconds) or a metric the code does not register yet all give an empty panel."
    )

    /// Makes the rule.
    public init() {}

    public func check(_ query: QueryContext) -> [RuleHit] {
        guard let catalog = query.catalog else { return [] }
        var hits: [RuleHit] = []
        ExprTraversal.walk(query.expr) { node, _ in
            guard let selector = ExprTraversal.selector(in: node), let name = ExprTraversal.metricName(of: selector),
                catalog.entry(for: name) == nil, !name.contains(":"),
                !query.isSubstituted(ExprTraversal.nameRange(of: selector)),
                !name.hasPrefix("ALERTS")
            else { return }
            var message = "the metric \(name) is not exposed by the application"
            if let suggestion = catalog.closestName(to: name) { message += "; did you mean \(suggestion)?" }
            hits.append(RuleHit(message, at: selector.range))
        }
        return hits
    }
}
