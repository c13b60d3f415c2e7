/// `panel-no-targets`: a panel that shows data but has no query.
public struct PanelNoTargetsRule: PanelRule {
    /// Panel types that show no query results.
    static let typesWithoutQueries: Set<String> = [
        "row", "text", "news", "dashlist", "annolist", "alertlist", "welcome", "gettingstarted", "canvas-text",
    ]

    public let description = RuleDescription(
        id: "panel-no-targets",
        severity: .warning,
        summary: "a panel with no query",
        hint: "Give the panel a PromQL query in its Query tab (or delete it): an empty panel only says "
            + "\"No data\"."
    )

    /// Makes the rule.
    public init() {}

    public func check(_ panel: Panel, in dashboard: Dashboard) -> String? {
        guard !Self.typesWithoutQueries.contains(panel.type), !panel.isUnresolvedLibraryPanel else { return nil }
        let kind = dashboard.datasourceKind(of: panel.datasource)
        if panel.targets.isEmpty { return "the panel \"\(panel.displayTitle)\" has no query" }
        guard kind.isPromQL else { return nil }
        let hasQuery = panel.targets.contains { target in
            let targetKind = target.datasource.map { dashboard.datasourceKind(of: $0) } ?? kind
            return !targetKind.isPromQL || !(target.expression ?? "").allSatisfy(\.isWhitespace)
        }
        return hasQuery ? nil : "the panel \"\(panel.displayTitle)\" has no query"
    }
}
