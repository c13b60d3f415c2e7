import PromQL

/// What a query rule reports: a message and the place in the expanded expression.
public struct RuleHit: Sendable {
    /// What is wrong.
    public var message: String
    /// Where, in the expanded expression.
    public var range: SourceRange

    /// Makes a hit.
    public init(_ message: String, at range: SourceRange) {
        self.message = message
        self.range = range
    }
}
