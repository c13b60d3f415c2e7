/// `panel-datasource`: a panel whose datasource is neither Prometheus nor a variable.
public struct PanelDatasourceRule: PanelRule {
    public let description = RuleDescription(
        id: "panel-datasource",
        severity: .warning,
        summary: "a panel whose datasource is neither Prometheus nor a variable",
        hint: "Point the panel at the Prometheus datasource, or at a datasource variable ($datasource) so the "
            + "dashboard works in every Grafana it is imported into."
    )

    /// Makes the rule.
    public init() {}

    public func check(_ panel: Panel, in dashboard: Dashboard) -> String? {
        guard !PanelNoTargetsRule.typesWithoutQueries.contains(panel.type) else { return nil }
        guard case .other(let plugin) = dashboard.datasourceKind(of: panel.datasource) else { return nil }
        return "the panel \"\(panel.displayTitle)\" uses the \(plugin) datasource, not Prometheus"
    }
}
