/// What the checker found in one file.
public struct FileReport: Sendable {
    /// The file's path as given.
    public var path: String
    /// The dashboard's title, when the file is a dashboard.
    public var dashboard: String?
    /// The dashboard's uid.
    public var dashboardUID: String?
    /// The findings, in file order.
    public var findings: [Finding]
    /// Findings silenced by an exclusion.
    public var excluded: [ExcludedFinding]
    /// Queries not read as PromQL.
    public var skipped: [SkippedQuery]
    /// Every PromQL query read, with its tree.
    public var queries: [CheckedQuery]

    /// Makes a report.
    public init(
        path: String,
        dashboard: String? = nil,
        dashboardUID: String? = nil,
        findings: [Finding] = [],
        excluded: [ExcludedFinding] = [],
        skipped: [SkippedQuery] = [],
        queries: [CheckedQuery] = []
    ) {
        self.path = path
        self.dashboard = dashboard
        self.dashboardUID = dashboardUID
        self.findings = findings
        self.excluded = excluded
        self.skipped = skipped
        self.queries = queries
    }

    /// True when the file could not be checked (unreadable, invalid JSON, not a dashboard).
    public var isUnusable: Bool {
        findings.contains { InputProblem.ids.contains($0.rule) }
    }

    /// The number of findings of `severity`.
    public func count(_ severity: Severity) -> Int {
        findings.count { $0.severity == severity }
    }
}
