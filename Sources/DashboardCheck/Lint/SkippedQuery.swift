/// A query the linter did not read as PromQL, and why (another datasource, a hidden target).
public struct SkippedQuery: Sendable, Equatable {
    /// The panel's title.
    public var panel: String
    /// The target's `refId`.
    public var target: String?
    /// Why it was skipped.
    public var reason: String

    /// Makes a record.
    public init(panel: String, target: String?, reason: String) {
        self.panel = panel
        self.target = target
        self.reason = reason
    }
}
