/// A rule that reads a panel as a whole.
public protocol PanelRule: Sendable {
    /// The rule's id, severity and hint.
    var description: RuleDescription { get }
    /// The problem with `panel`, if any.
    func check(_ panel: Panel, in dashboard: Dashboard) -> String?
}
