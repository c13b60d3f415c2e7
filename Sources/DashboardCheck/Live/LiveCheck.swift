import PromQL

/// Runs every parsed query of the reports against a live Prometheus and adds `no-data` and
/// `query-error` findings.
public enum LiveCheck {
    /// Adds the live findings to `reports`; identical expanded queries run once.
    public static func run(_ reports: inout [FileReport], client: PrometheusClient) async throws(LiveError) {
        var outcomes: [String: InstantQueryOutcome] = [:]
        for reportIndex in reports.indices {
            var added: [Finding] = []
            for (queryIndex, query) in reports[reportIndex].queries.enumerated() where query.expr != nil {
                let text = query.expanded.text
                let outcome: InstantQueryOutcome
                if let known = outcomes[text] {
                    outcome = known
                } else {
                    outcome = try await client.instantQuery(text)
                    outcomes[text] = outcome
                }
                let position = query.position
                switch outcome {
                case .data: continue
                case .empty:
                    added.append(
                        finding(
                            LiveRules.noData,
                            "the query returns no data at \(client.baseURL)",
                            query,
                            queryIndex,
                            position
                        )
                    )
                case .error(let type, let message):
                    added.append(
                        finding(LiveRules.queryError, "Prometheus: \(type): \(message)", query, queryIndex, position)
                    )
                }
            }
            reports[reportIndex].findings.append(contentsOf: added)
        }
    }

    private static func finding(
        _ description: RuleDescription,
        _ message: String,
        _ query: CheckedQuery,
        _ queryIndex: Int,
        _ position: TextPosition?
    ) -> Finding {
        Finding(
            rule: description.id,
            severity: description.severity,
            message: query.expanded.annotating(message),
            hint: description.hint,
            panel: query.panel,
            target: query.target,
            expression: query.expression,
            expressionRange: 0..<0,
            position: position,
            queryIndex: queryIndex
        )
    }
}
