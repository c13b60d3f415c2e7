/// A finding an exclusion silenced, with the exclusion's reason.
public struct ExcludedFinding: Sendable, Equatable {
    /// The silenced finding.
    public var finding: Finding
    /// Why it is silenced, as written in `.dashboard-check.json`.
    public var reason: String

    /// Makes a record.
    public init(finding: Finding, reason: String) {
        self.finding = finding
        self.reason = reason
    }
}
