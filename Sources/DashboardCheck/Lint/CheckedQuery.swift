import PromQL

/// One PromQL query of a dashboard, as the linter read it.
public struct CheckedQuery: Sendable {
    /// Where the query comes from.
    public var origin: QueryContext.Origin
    /// The panel's title (or `annotation NAME`, `variable NAME`).
    public var panel: String
    /// The index of the panel in `Dashboard.panels`, for panel targets.
    public var panelIndex: Int?
    /// The panel's type, for panel targets.
    public var panelType: String?
    /// The target's `refId`.
    public var target: String?
    /// The PromQL text as written.
    public var expression: String
    /// The byte offset in the file of the JSON string holding the expression.
    public var stringOffset: Int?
    /// The UTF-8 offset of `expression` inside that string (non-zero inside `label_values(...)`).
    public var offsetInString: Int
    /// The expansion that was parsed.
    public var expanded: ExpandedQuery
    /// The tree, when the expression parsed.
    public var expr: Expr?
    /// The line and column in the file where the expression starts.
    public var position: TextPosition?

    /// Makes a checked query.
    public init(
        origin: QueryContext.Origin,
        panel: String,
        panelIndex: Int?,
        panelType: String?,
        target: String?,
        expression: String,
        stringOffset: Int?,
        offsetInString: Int,
        expanded: ExpandedQuery,
        expr: Expr?
    ) {
        self.origin = origin
        self.panel = panel
        self.panelIndex = panelIndex
        self.panelType = panelType
        self.target = target
        self.expression = expression
        self.stringOffset = stringOffset
        self.offsetInString = offsetInString
        self.expanded = expanded
        self.expr = expr
        self.position = nil
    }
}
