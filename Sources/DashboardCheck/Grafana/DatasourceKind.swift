/// What a datasource reference turns out to be, once variables and `__inputs` are resolved.
public enum DatasourceKind: Sendable, Equatable {
    /// A Prometheus datasource, by type, `__inputs` plugin or datasource variable.
    case prometheus
    /// A datasource variable whose plugin is not known; its queries are checked as PromQL.
    case variable(String)
    /// No datasource written: the default one, assumed to be Prometheus.
    case defaultDatasource
    /// A name from an old export that cannot be resolved; its queries are checked as PromQL.
    case unresolvedName(String)
    /// `-- Mixed --`: every target names its own datasource.
    case mixed
    /// `-- Dashboard --`: the panel reuses another panel's results.
    case dashboard
    /// Any other plugin (`loki`, `testdata`, `grafana`, ...): its queries are not PromQL.
    case other(String)

    /// True when queries against this datasource are read as PromQL.
    public var isPromQL: Bool {
        switch self {
        case .prometheus, .variable, .defaultDatasource, .unresolvedName: return true
        case .mixed, .dashboard, .other: return false
        }
    }
}
