/// An annotation query from `annotations.list`.
public struct AnnotationQuery: Sendable {
    /// The annotation's name.
    public var name: String
    /// The PromQL text in `expr`, if any.
    public var expression: String?
    /// The byte offset in the file of the JSON string holding `expr`.
    public var expressionOffset: Int?
    /// The annotation's datasource.
    public var datasource: DatasourceRef?
    /// False when the annotation is switched off (`enable: false`).
    public var isEnabled: Bool

    /// Makes an annotation query.
    public init(
        name: String,
        expression: String?,
        expressionOffset: Int?,
        datasource: DatasourceRef?,
        isEnabled: Bool
    ) {
        self.name = name
        self.expression = expression
        self.expressionOffset = expressionOffset
        self.datasource = datasource
        self.isEnabled = isEnabled
    }
}
