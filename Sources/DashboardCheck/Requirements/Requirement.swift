/// One thing a passing dashboard must contain: a panel with a target whose query has a shape,
/// and no error finding on that target.
public struct Requirement: Sendable, Equatable {
    /// A short id (`cache-miss-rate`).
    public var id: String
    /// What is asked, for people.
    public var description: String
    /// The panel types accepted (`timeseries`, `stat`, ...); nil for any.
    public var panelTypes: [String]?
    /// The shape some node of the query must have.
    public var query: QueryPattern
    /// The reason printed when no panel has such a query.
    public var missing: String
    /// A looser shape (an attempt at the requirement); when a query has it but not `query`, the
    /// error found in that query is the reason given, as it teaches more than `missing`.
    public var attempt: QueryPattern?

    /// Makes a requirement.
    public init(
        id: String,
        description: String,
        panelTypes: [String]? = nil,
        query: QueryPattern,
        missing: String,
        attempt: QueryPattern? = nil
    ) {
        self.id = id
        self.description = description
        self.panelTypes = panelTypes
        self.query = query
        self.missing = missing
        self.attempt = attempt
    }
}
