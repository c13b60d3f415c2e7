/// A rule that reads one PromQL query's tree.
public protocol QueryRule: Sendable {
    /// The rule's id, severity and hint.
    var description: RuleDescription { get }
    /// The problems in one query.
    func check(_ query: QueryContext) -> [RuleHit]
}
