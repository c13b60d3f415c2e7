extension Dashboard {
    /// What `reference` is once `__inputs`, datasource variables and Grafana's special
    /// datasources are resolved.
    public func datasourceKind(of reference: DatasourceRef?) -> DatasourceKind {
        guard let reference else { return .defaultDatasource }
        let written = reference.uid ?? reference.name
        switch written {
        case "-- Mixed --": return .mixed
        case "-- Dashboard --": return .dashboard
        case "-- Grafana --", "grafana": return .other("grafana")
        default: break
        }
        if let type = reference.type, !type.isEmpty, type != "datasource" {
            return type == "prometheus" ? .prometheus : .other(type)
        }
        if reference.type == "datasource" {
            return .other(written ?? "datasource")
        }
        guard let written else { return .defaultDatasource }
        if let name = VariableSyntax.wholeReference(in: written) {
            if let plugin = inputs[name] {
                return plugin == "prometheus" || plugin.isEmpty ? .prometheus : .other(plugin)
            }
            if let variable = variables.first(where: { $0.name == name }), variable.type == "datasource" {
                guard let plugin = variable.query, !plugin.isEmpty else { return .variable(name) }
                return plugin == "prometheus" ? .prometheus : .other(plugin)
            }
            return .variable(name)
        }
        if written.isEmpty || written == "default" { return .defaultDatasource }
        // An old export names its datasource; a few names say plainly that it is not Prometheus.
        let lowered = written.lowercased()
        for plugin in ["loki", "tempo", "elasticsearch", "influxdb", "graphite", "mysql", "postgres", "testdata"]
        where lowered.contains(plugin) {
            return .other(plugin)
        }
        return .unresolvedName(written)
    }
}
