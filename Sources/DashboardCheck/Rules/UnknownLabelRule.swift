import PromQL

/// `unknown-label`: a matcher or `by` label that the selected metrics never carry (needs `--metrics`).
public struct UnknownLabelRule: QueryRule {
    public let description = RuleDescription(
        id: "unknown-label",
        severity: .warning,
        summary: "a label the metric never carries",
        hint: "A matcher on a label the series do not have selects nothing, and grouping by it gives one "
            + "series with the label empty. Look at the labels on the app's /metrics page (Prometheus adds job "
            + "and instance)."
    )

    /// Makes the rule.
    public init() {}

    public func check(_ query: QueryContext) -> [RuleHit] {
        guard let catalog = query.catalog else { return [] }
        var hits: [RuleHit] = []
        ExprTraversal.walk(query.expr) { node, _ in
            switch node {
            case .vectorSelector, .matrixSelector:
                guard let selector = ExprTraversal.selector(in: node),
                    let name = ExprTraversal.metricName(of: selector),
                    let labels = catalog.entry(for: name)?.labels
                else { return }
                for matcher in selector.matchers where matcher.name != "__name__" {
                    guard !labels.contains(matcher.name), !MetricCatalog.targetLabels.contains(matcher.name),
                        !matchesEmpty(matcher)
                    else { continue }
                    hits.append(RuleHit("\(name) has no label \(matcher.name)", at: matcher.range))
                }
            case .aggregate(let aggregate) where aggregate.hasGroupingClause && !aggregate.without:
                guard let carried = labelsBelow(aggregate.expr, catalog: catalog) else { return }
                for label in aggregate.grouping
                where !carried.contains(label) && !MetricCatalog.targetLabels.contains(label) {
                    hits.append(
                        RuleHit(
                            "\(aggregate.op.rawValue) by (\(label)): none of the metrics below carries the label \(label)",
                            at: aggregate.range
                        )
                    )
                }
            default:
                return
            }
        }
        return hits
    }

    /// True when the matcher also accepts series without the label (`=""`, `!="x"`, `=~".*"`).
    private func matchesEmpty(_ matcher: LabelMatcher) -> Bool {
        switch matcher.op {
        case .notEqual, .regexNoMatch: return true
        case .equal: return matcher.value.isEmpty
        case .regexMatch: return matcher.value.isEmpty || matcher.value == ".*"
        }
    }

    /// The labels of every selector below `expr`, or nil when one of them is unknown or a
    /// function could add labels (`label_replace`, `label_join`, `group_left (...)`).
    private func labelsBelow(_ expr: Expr, catalog: MetricCatalog) -> Set<String>? {
        var labels: Set<String> = []
        var isKnown = true
        var sawSelector = false
        ExprTraversal.walk(expr) { node, _ in
            switch node {
            case .call(let call) where call.function == "label_replace" || call.function == "label_join":
                isKnown = false
            case .binary(let binary) where !(binary.matching?.include.isEmpty ?? true):
                isKnown = false
            case .vectorSelector, .matrixSelector:
                sawSelector = true
                guard let selector = ExprTraversal.selector(in: node),
                    let name = ExprTraversal.metricName(of: selector),
                    let carried = catalog.entry(for: name)?.labels
                else {
                    isKnown = false
                    return
                }
                labels.formUnion(carried)
            default:
                break
            }
        }
        return isKnown && sawSelector ? labels : nil
    }
}
