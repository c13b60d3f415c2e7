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

    /// Makes a requirement.
    public init(id: String, description: String, panelTypes: [String]? = nil, query: QueryPattern, missing: String) {
        self.id = id
        self.description = description
        self.panelTypes = panelTypes
        self.query = query
        self.missing = missing
    }
}
