import PromQL

/// `rate-interval`: a fixed range (or `$__interval`) inside `rate`, `irate` or `increase` where
/// `$__rate_interval` belongs.
public struct RateIntervalRule: QueryRule {
    public let description = RuleDescription(
        id: "rate-interval",
        severity: .warning,
        summary: "a fixed range inside rate(), irate() or increase()",
        hint: "Write [$__rate_interval]: Grafana makes it at least four scrape intervals and follows the "
            + "panel's resolution, so the graph neither misses points when zoomed out nor goes empty when "
            + "zoomed in. Use [$__range] for one number over the whole dashboard range."
    )

    /// Makes the rule.
    public init() {}

    public func check(_ query: QueryContext) -> [RuleHit] {
        guard query.origin == .panelTarget else { return [] }
        var hits: [RuleHit] = []
        ExprTraversal.walk(query.expr) { node, _ in
            guard case .call(let call) = node, ["rate", "irate", "increase"].contains(call.function),
                let argument = call.arguments.first
            else { return }
            let durationRange: SourceRange
            switch argument.unparenthesized {
            case .matrixSelector(let matrix): durationRange = matrix.durationRange
            case .subquery(let subquery): durationRange = subquery.durationRange
            default: return
            }
            let written = query.originalText(of: durationRange)
            if let substitution = query.expanded.substitution(covering: durationRange) {
                guard substitution.variable == "__interval" || substitution.variable == "__interval_ms" else { return }
                hits.append(
                    RuleHit(
                        "\(call.function)() over [\(written)], which can be shorter than two scrapes; "
                            + "use [$__rate_interval]",
                        at: durationRange
                    )
                )
                return
            }
            // Quote the range as written; when a variable wrote part of it (`[${minutes}m]`), say its value.
            let note = query.expansionNote(for: durationRange).map { " (\($0))" } ?? ""
            hits.append(
                RuleHit(
                    "\(call.function)() over a fixed range [\(written)]\(note); use [$__rate_interval]",
                    at: durationRange
                )
            )
        }
        return hits
    }
}
