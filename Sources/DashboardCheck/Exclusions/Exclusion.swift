/// One entry of `.dashboard-check.json`: silences a rule for a dashboard and/or a panel, with a reason.
public struct Exclusion: Sendable, Equatable {
    /// The rule's id, or `*` for every rule.
    public var rule: String
    /// The dashboard's title, uid or file name; nil for every dashboard beside the file.
    public var dashboard: String?
    /// The panel's title; nil for the whole dashboard.
    public var panel: String?
    /// Why, printed with every silenced finding.
    public var reason: String

    /// Makes an exclusion.
    public init(rule: String, dashboard: String? = nil, panel: String? = nil, reason: String) {
        self.rule = rule
        self.dashboard = dashboard
        self.panel = panel
        self.reason = reason
    }

    /// True when the exclusion silences `finding` in the report of `path`.
    public func matches(_ finding: Finding, in report: FileReport) -> Bool {
        guard rule == "*" || rule == finding.rule else { return false }
        guard !InputProblem.ids.contains(finding.rule) else { return false }
        if let dashboard {
            let file = report.path.split(separator: "/").last.map(String.init) ?? report.path
            let names = [
                report.dashboard, report.dashboardUID, file, file.hasSuffix(".json") ? String(file.dropLast(5)) : nil,
            ]
            guard names.contains(dashboard) else { return false }
        }
        if let panel, panel != finding.panel { return false }
        return true
    }
}
