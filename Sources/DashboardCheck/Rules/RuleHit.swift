import PromQL

/// What a query rule reports: a message and the place in the expanded expression.
public struct RuleHit: Sendable {
    /// What is wrong.
    public var message: String
    /// Where, in the expanded expression.
    public var range: SourceRange
    /// The severity when it differs from the rule's (a `counter-without-rate` judged by a name
    /// alone is a warning), else nil.
    public var severity: Severity?
    /// The hint when it differs from the rule's (a MetricsQL function under `promql-syntax`), else nil.
    public var hint: String?

    /// Makes a hit; `severity` and `hint` default to the rule's.
    public init(_ message: String, at range: SourceRange, severity: Severity? = nil, hint: String? = nil) {
        self.message = message
        self.range = range
        self.severity = severity
        self.hint = hint
    }
}
