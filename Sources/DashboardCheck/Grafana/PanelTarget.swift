/// One query of a panel (`targets[]`).
public struct PanelTarget: Sendable {
    /// The target's `refId` (`A`, `B`, ...).
    public var refId: String?
    /// The PromQL text in `expr`, if any.
    public var expression: String?
    /// The byte offset in the file of the JSON string holding `expr`.
    public var expressionOffset: Int?
    /// The target's own datasource, which wins over the panel's.
    public var datasource: DatasourceRef?
    /// True for `hide: true`: Grafana does not run the query.
    public var isHidden: Bool
    /// The byte offset in the file where the target starts.
    public var offset: Int

    /// Makes a target.
    public init(
        refId: String?,
        expression: String?,
        expressionOffset: Int?,
        datasource: DatasourceRef?,
        isHidden: Bool,
        offset: Int
    ) {
        self.refId = refId
        self.expression = expression
        self.expressionOffset = expressionOffset
        self.datasource = datasource
        self.isHidden = isHidden
        self.offset = offset
    }
}
