import PromQL

/// `promql-syntax`: the query does not parse, or does not type-check, as Prometheus would say.
public enum PromQLSyntaxRule {
    /// The rule's id, severity and hint.
    public static let description = RuleDescription(
        id: "promql-syntax",
        severity: .error,
        summary: "a query Prometheus rejects",
        hint: "Try the query in Prometheus's expression browser (http://localhost:9090/graph): the position "
            + "above is where the parser gave up."
    )
}
