/// A Grafana dashboard as the checker sees it: panels flattened out of rows, library panels
/// resolved, variables, annotation queries and the `__inputs` of a shared export.
public struct Dashboard: Sendable {
    /// The title.
    public var title: String
    /// The uid, when written.
    public var uid: String?
    /// Every panel, in order, including those inside rows (collapsed or not) and legacy `rows[]`.
    public var panels: [Panel]
    /// The variables of `templating.list`.
    public var variables: [TemplateVariable]
    /// The annotation queries.
    public var annotations: [AnnotationQuery]
    /// The plugin id of each `__inputs` entry, by name (`DS_PROMETHEUS` -> `prometheus`).
    public var inputs: [String: String]

    /// Makes a dashboard.
    public init(
        title: String,
        uid: String? = nil,
        panels: [Panel] = [],
        variables: [TemplateVariable] = [],
        annotations: [AnnotationQuery] = [],
        inputs: [String: String] = [:]
    ) {
        self.title = title
        self.uid = uid
        self.panels = panels
        self.variables = variables
        self.annotations = annotations
        self.inputs = inputs
    }
}
