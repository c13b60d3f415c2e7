import PromQL

/// `histogram-quantile-le`: `histogram_quantile` over something that is not a histogram's
/// `_bucket` series, over buckets whose `le` label an aggregation (or vector matching) dropped,
/// or over buckets not wrapped in `rate`/`increase`.
public struct HistogramQuantileLeRule: QueryRule {
    public let description = RuleDescription(
        id: "histogram-quantile-le",
        severity: .error,
        summary: "histogram_quantile over the wrong series or without the le label",
        hint: "histogram_quantile reads the cumulative buckets of a histogram, told apart by their le label. "
            + "Write histogram_quantile(0.95, sum by (le) (rate(x_bucket[$__rate_interval]))) and add the labels "
            + "you want to keep next to le: sum by (le, handler)."
    )

    /// Makes the rule.
    public init() {}

    public func check(_ query: QueryContext) -> [RuleHit] {
        var hits: [RuleHit] = []
        ExprTraversal.walk(query.expr) { node, _ in
            guard case .call(let call) = node, call.function == "histogram_quantile", call.arguments.count == 2 else {
                return
            }
            if let hit = problem(in: call.arguments[1], query: query) { hits.append(hit) }
        }
        return hits
    }

    private func problem(in argument: Expr, query: QueryContext) -> RuleHit? {
        var selectors: [(name: String?, node: Expr, path: [Expr], nameRange: SourceRange)] = []
        ExprTraversal.walk(argument) { node, ancestors in
            guard let selector = ExprTraversal.selector(in: node) else { return }
            selectors.append(
                (ExprTraversal.metricName(of: selector), node, ancestors, ExprTraversal.nameRange(of: selector))
            )
        }
        let buckets = selectors.filter { entry in
            guard let name = entry.name else { return false }
            return query.kind(of: name) == .histogramBucket || isRecordedBuckets(name)
        }
        if buckets.isEmpty {
            // Unknown names (a regex on __name__, a variable) give no verdict.
            guard let named = selectors.first(where: { $0.name != nil }), selectors.allSatisfy({ $0.name != nil }),
                !selectors.contains(where: { query.isSubstituted($0.nameRange) }),
                let name = named.name
            else { return nil }
            return RuleHit(
                "histogram_quantile over \(name), which is not the _bucket series of a histogram",
                at: named.node.range
            )
        }
        for bucket in buckets {
            for ancestor in bucket.path.reversed() {
                if let message = dropsLe(ancestor) {
                    return RuleHit(message, at: ancestor.range)
                }
            }
        }
        for bucket in buckets {
            guard let name = bucket.name, !isRecordedBuckets(name) else { continue }
            let isRated = bucket.path.contains {
                guard let function = ExprTraversal.functionName(of: $0) else { return false }
                return ["rate", "irate", "increase"].contains(function)
            }
            if !isRated {
                return RuleHit(
                    "histogram_quantile over \(name) not wrapped in rate() or increase(): the buckets count "
                        + "since the process started",
                    at: bucket.node.range
                )
            }
        }
        return nil
    }

    /// A recording rule's output (`job:x_bucket:rate5m`) already holds rated buckets.
    private func isRecordedBuckets(_ name: String) -> Bool {
        name.contains(":") && name.contains("_bucket")
    }

    /// Why `node` removes `le` from its result, or nil when `le` survives it.
    private func dropsLe(_ node: Expr) -> String? {
        switch node {
        case .aggregate(let aggregate):
            switch aggregate.op {
            case .topk, .bottomk: return nil
            default: break
            }
            let clause = aggregate.grouping.joined(separator: ", ")
            if !aggregate.hasGroupingClause {
                return "\(aggregate.op.rawValue)(...) without \"by (le)\" drops every label, including le"
            }
            if aggregate.without {
                return aggregate.grouping.contains("le")
                    ? "\(aggregate.op.rawValue) without (\(clause)) drops the le label" : nil
            }
            return aggregate.grouping.contains("le")
                ? nil : "\(aggregate.op.rawValue) by (\(clause)) drops the le label"
        case .binary(let binary):
            guard let matching = binary.matching, matching.hasMatchingClause else { return nil }
            let clause = matching.matchingLabels.joined(separator: ", ")
            if matching.on, !matching.matchingLabels.contains("le"), matching.cardinality == .oneToOne {
                return "\(binary.op.rawValue) on (\(clause)) keeps only those labels and drops le"
            }
            if !matching.on, matching.matchingLabels.contains("le"), matching.cardinality == .oneToOne {
                return "\(binary.op.rawValue) ignoring (\(clause)) drops the le label"
            }
            return nil
        default:
            return nil
        }
    }
}
