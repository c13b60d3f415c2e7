/// A dashboard variable from `templating.list`.
public struct TemplateVariable: Sendable {
    /// The name used as `$name`.
    public var name: String
    /// The kind (`query`, `custom`, `interval`, `datasource`, `constant`, `textbox`, ...).
    public var type: String
    /// The variable's query text (`label_values(up, job)` for a query variable).
    public var query: String?
    /// The byte offset in the file of the JSON string holding `query`.
    public var queryOffset: Int?
    /// The variable's datasource (for query variables).
    public var datasource: DatasourceRef?
    /// The current value(s).
    public var currentValues: [String]
    /// The listed options' values.
    public var options: [String]
    /// The value `All` stands for, when set.
    public var allValue: String?

    /// Makes a variable.
    public init(
        name: String,
        type: String,
        query: String? = nil,
        queryOffset: Int? = nil,
        datasource: DatasourceRef? = nil,
        currentValues: [String] = [],
        options: [String] = [],
        allValue: String? = nil
    ) {
        self.name = name
        self.type = type
        self.query = query
        self.queryOffset = queryOffset
        self.datasource = datasource
        self.currentValues = currentValues
        self.options = options
        self.allValue = allValue
    }
}
