/// What a rule is: its stable id, its severity and the hint that teaches the fix.
public struct RuleDescription: Sendable, Hashable {
    /// The stable id carried by JSON output and exclusions (`counter-without-rate`).
    public var id: String
    /// The severity of its findings.
    public var severity: Severity
    /// What the rule looks for, in one line.
    public var summary: String
    /// What to do about a finding, written to teach.
    public var hint: String

    /// Makes a description.
    public init(id: String, severity: Severity, summary: String, hint: String) {
        self.id = id
        self.severity = severity
        self.summary = summary
        self.hint = hint
    }
}
