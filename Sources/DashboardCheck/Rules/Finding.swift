/// One problem found in a dashboard.
public struct Finding: Sendable, Equatable {
    /// The rule's id.
    public var rule: String
    /// The severity.
    public var severity: Severity
    /// What is wrong, in one line.
    public var message: String
    /// How to fix it.
    public var hint: String
    /// The panel's title (or `annotation NAME`, `variable NAME`), when the finding is about one.
    public var panel: String?
    /// The target's `refId`.
    public var target: String?
    /// The expression as written in the dashboard.
    public var expression: String?
    /// The UTF-8 range in `expression` the finding points at.
    public var expressionRange: Range<Int>?
    /// The line and column in the file.
    public var position: TextPosition?
    /// The index of the query in `FileReport.queries`, for findings about a query.
    public var queryIndex: Int?

    /// Makes a finding.
    public init(
        rule: String,
        severity: Severity,
        message: String,
        hint: String,
        panel: String? = nil,
        target: String? = nil,
        expression: String? = nil,
        expressionRange: Range<Int>? = nil,
        position: TextPosition? = nil,
        queryIndex: Int? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.hint = hint
        self.panel = panel
        self.target = target
        self.expression = expression
        self.expressionRange = expressionRange
        self.position = position
        self.queryIndex = queryIndex
    }
}
