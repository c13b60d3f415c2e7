/// The rules of live mode (`--prometheus URL`): each query runs as an instant query at now.
public enum LiveRules {
    /// `no-data`: the query returns nothing.
    public static let noData = RuleDescription(
        id: "no-data",
        severity: .warning,
        summary: "the query returns no data",
        hint: "Check that the app is scraped (up{job=...} is 1), that the metric exists and has been "
            + "incremented (send some traffic with loadgen), and that the label values match."
    )
    /// `query-error`: Prometheus rejects the query or fails running it.
    public static let queryError = RuleDescription(
        id: "query-error",
        severity: .error,
        summary: "Prometheus returns an error for the query",
        hint: "Run the query in Prometheus's expression browser to see the error in context."
    )
}
