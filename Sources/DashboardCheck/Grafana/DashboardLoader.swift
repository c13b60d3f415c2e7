/// Reads a Grafana dashboard from parsed JSON, in every shape Grafana exports:
/// the dashboard model itself (with `__inputs`, `__elements`, `__requires` when exported for
/// sharing), the HTTP API's `{"dashboard": ..., "meta": ...}`, a Kubernetes-style resource
/// `{"kind": "Dashboard", "spec": ...}` (schema v1 and v2), rows (collapsed or not) and legacy `rows[]`.
public enum DashboardLoader {
    /// Why a JSON document is not a dashboard.
    public struct NotADashboard: Error, Sendable, Equatable {
        /// What was found instead.
        public var message: String
        /// The byte offset the message is about.
        public var offset: Int
    }

    /// Reads a dashboard, or says why the document is not one.
    public static func load(_ root: JSONNode) throws(NotADashboard) -> Dashboard {
        guard root.isObject else {
            throw NotADashboard(
                message: "the document is \(describe(root)), not a dashboard object",
                offset: root.offset
            )
        }
        // The HTTP API wraps the model: {"dashboard": {...}, "meta": {...}}.
        if let wrapped = root["dashboard"], wrapped.isObject, root["panels"] == nil {
            return try load(wrapped, sharedExport: root)
        }
        // Kubernetes-style resources: {"apiVersion": ..., "kind": "Dashboard", "spec": {...}}.
        if let spec = root["spec"], spec.isObject, root["kind"]?.string == "Dashboard" || root["apiVersion"] != nil {
            if spec["elements"] != nil { return loadV2(spec, metadata: root["metadata"]) }
            return try load(spec, sharedExport: root)
        }
        return try load(root, sharedExport: root)
    }

    private static func load(_ model: JSONNode, sharedExport: JSONNode) throws(NotADashboard) -> Dashboard {
        let hasPanels = model["panels"]?.array != nil
        let hasRows = model["rows"]?.array != nil
        let looksLikeDashboard = model["schemaVersion"] != nil && (model["title"] != nil || model["templating"] != nil)
        guard hasPanels || hasRows || looksLikeDashboard else {
            throw NotADashboard(
                message: "a JSON object without \"panels\", \"rows\" or \"schemaVersion\" is not a Grafana dashboard",
                offset: model.offset
            )
        }
        var dashboard = Dashboard(title: model["title"]?.string ?? "", uid: model["uid"]?.text)
        dashboard.inputs = readInputs(model["__inputs"] ?? sharedExport["__inputs"])
        let elements = readElements(model["__elements"] ?? sharedExport["__elements"])
        for panel in model["panels"]?.array ?? [] {
            appendPanels(from: panel, elements: elements, into: &dashboard.panels)
        }
        for row in model["rows"]?.array ?? [] {
            for panel in row["panels"]?.array ?? [] {
                appendPanels(from: panel, elements: elements, into: &dashboard.panels)
            }
        }
        for variable in model["templating"]?["list"]?.array ?? [] {
            if let read = readVariable(variable) { dashboard.variables.append(read) }
        }
        for annotation in model["annotations"]?["list"]?.array ?? [] {
            dashboard.annotations.append(readAnnotation(annotation))
        }
        return dashboard
    }

    /// Adds a panel, or a row's panels, resolving library panels from `__elements`.
    private static func appendPanels(from node: JSONNode, elements: [String: JSONNode], into panels: inout [Panel]) {
        guard node.isObject else { return }
        if node["type"]?.string == "row" {
            // A collapsed row keeps its panels inside; an open row's panels follow it at the top level.
            for child in node["panels"]?.array ?? [] {
                appendPanels(from: child, elements: elements, into: &panels)
            }
            return
        }
        if let library = node["libraryPanel"], library.isObject {
            let uid = library["uid"]?.text ?? ""
            let name = library["name"]?.string ?? uid
            if let model = elements[uid], model.isObject {
                var panel = readPanel(model, offset: node.offset)
                panel.libraryPanel = name
                if panel.title.isEmpty { panel.title = node["title"]?.string ?? name }
                if panel.id == nil { panel.id = node["id"]?.text }
                panels.append(panel)
            } else if node["targets"] != nil {
                var panel = readPanel(node, offset: node.offset)
                panel.libraryPanel = name
                panels.append(panel)
            } else {
                var panel = readPanel(node, offset: node.offset)
                if panel.title.isEmpty { panel.title = name }
                panel.libraryPanel = name
                panel.isUnresolvedLibraryPanel = true
                panels.append(panel)
            }
            return
        }
        panels.append(readPanel(node, offset: node.offset))
        // Some exports nest panels in non-row containers; their children are panels too.
        if node["type"]?.string != "row", let children = node["panels"]?.array {
            for child in children { appendPanels(from: child, elements: elements, into: &panels) }
        }
    }

    private static func readPanel(_ node: JSONNode, offset: Int) -> Panel {
        var targets: [PanelTarget] = []
        for target in node["targets"]?.array ?? [] where target.isObject {
            let expression = target["expr"]
            targets.append(
                PanelTarget(
                    refId: target["refId"]?.text,
                    expression: expression?.string,
                    expressionOffset: expression?.string != nil ? expression?.offset : nil,
                    datasource: DatasourceRef(target["datasource"]),
                    isHidden: target["hide"]?.bool ?? false,
                    offset: target.offset
                )
            )
        }
        return Panel(
            id: node["id"]?.text,
            title: node["title"]?.string ?? "",
            type: node["type"]?.string ?? "",
            datasource: DatasourceRef(node["datasource"]),
            targets: targets,
            offset: offset
        )
    }

    /// `__elements` is an object keyed by uid (Grafana 9+) or, in some versions, an array.
    private static func readElements(_ node: JSONNode?) -> [String: JSONNode] {
        var elements: [String: JSONNode] = [:]
        if let members = node?.members {
            for (key, element) in members {
                elements[element["uid"]?.text ?? key] = element["model"] ?? element
            }
        } else if let array = node?.array {
            for element in array {
                if let uid = element["uid"]?.text { elements[uid] = element["model"] ?? element }
            }
        }
        return elements
    }

    private static func readInputs(_ node: JSONNode?) -> [String: String] {
        var inputs: [String: String] = [:]
        for input in node?.array ?? [] {
            guard let name = input["name"]?.string else { continue }
            inputs[name] = input["pluginId"]?.string ?? input["type"]?.string ?? ""
        }
        return inputs
    }

    private static func readVariable(_ node: JSONNode) -> TemplateVariable? {
        guard let name = node["name"]?.string else { return nil }
        var variable = TemplateVariable(name: name, type: node["type"]?.string ?? "query")
        // `query` is a string, or `{"query": "...", "refId": ...}` in newer Prometheus variable editors.
        if let query = node["query"] {
            if let text = query.string {
                variable.query = text
                variable.queryOffset = query.offset
            } else if let inner = query["query"], let text = inner.string {
                variable.query = text
                variable.queryOffset = inner.offset
            }
        }
        if variable.query == nil, let definition = node["definition"], let text = definition.string, !text.isEmpty {
            variable.query = text
            variable.queryOffset = definition.offset
        }
        variable.datasource = DatasourceRef(node["datasource"])
        variable.currentValues = values(of: node["current"]?["value"] ?? node["current"]?["text"])
        for option in node["options"]?.array ?? [] {
            variable.options.append(contentsOf: values(of: option["value"] ?? option["text"]))
        }
        variable.allValue = node["allValue"]?.string
        return variable
    }

    private static func values(of node: JSONNode?) -> [String] {
        guard let node else { return [] }
        if let array = node.array { return array.compactMap(\.text) }
        if let text = node.text { return [text] }
        return []
    }

    private static func readAnnotation(_ node: JSONNode) -> AnnotationQuery {
        let expression = node["expr"] ?? node["target"]?["expr"]
        return AnnotationQuery(
            name: node["name"]?.string ?? "",
            expression: expression?.string,
            expressionOffset: expression?.string != nil ? expression?.offset : nil,
            datasource: DatasourceRef(node["datasource"]),
            isEnabled: node["enable"]?.bool ?? true
        )
    }

    // MARK: - Schema v2 (`spec.elements`, `spec.variables`, `spec.annotations`)

    private static func loadV2(_ spec: JSONNode, metadata: JSONNode?) -> Dashboard {
        var dashboard = Dashboard(title: spec["title"]?.string ?? "", uid: metadata?["name"]?.text)
        for (key, element) in spec["elements"]?.members ?? [] {
            let elementSpec = element["spec"] ?? element
            var targets: [PanelTarget] = []
            let queries = elementSpec["data"]?["spec"]?["queries"]?.array ?? []
            var panelDatasource: DatasourceRef?
            for query in queries {
                let querySpec = query["spec"] ?? query
                let inner = querySpec["query"]
                let expression = inner?["spec"]?["expr"]
                // `{"kind": "DataQuery", "group": "prometheus"}` (v2beta1) or `{"kind": "prometheus"}` (v2alpha1).
                let plugin = inner?["group"]?.string ?? inner?["kind"]?.string
                var datasource = DatasourceRef(querySpec["datasource"] ?? inner?["datasource"])
                if let plugin, plugin != "DataQuery" {
                    datasource = DatasourceRef(
                        type: plugin,
                        uid: datasource?.uid ?? inner?["datasource"]?["name"]?.text
                    )
                }
                panelDatasource = panelDatasource ?? datasource
                targets.append(
                    PanelTarget(
                        refId: querySpec["refId"]?.text,
                        expression: expression?.string,
                        expressionOffset: expression?.string != nil ? expression?.offset : nil,
                        datasource: datasource,
                        isHidden: querySpec["hidden"]?.bool ?? false,
                        offset: query.offset
                    )
                )
            }
            let kind = element["kind"]?.string ?? "Panel"
            var panel = Panel(
                id: elementSpec["id"]?.text ?? key,
                title: elementSpec["title"]?.string ?? "",
                type: elementSpec["vizConfig"]?["kind"]?.string ?? elementSpec["vizConfig"]?["group"]?.string
                    ?? (kind == "LibraryPanel" ? "library" : ""),
                datasource: nil,
                targets: targets,
                offset: element.offset
            )
            if kind == "LibraryPanel" {
                panel.libraryPanel = elementSpec["libraryPanel"]?["name"]?.string ?? key
                panel.isUnresolvedLibraryPanel = true
            }
            dashboard.panels.append(panel)
        }
        for variable in spec["variables"]?.array ?? [] {
            let variableSpec = variable["spec"] ?? variable
            guard let name = variableSpec["name"]?.string else { continue }
            var read = TemplateVariable(
                name: name,
                type: (variable["kind"]?.string ?? "QueryVariable").replacingSuffix("Variable", with: "").lowercased()
            )
            read.currentValues = values(of: variableSpec["current"]?["value"] ?? variableSpec["current"]?["text"])
            for option in variableSpec["options"]?.array ?? [] {
                read.options.append(contentsOf: values(of: option["value"] ?? option["text"]))
            }
            if read.type == "datasource" { read.query = variableSpec["pluginId"]?.string }
            dashboard.variables.append(read)
        }
        return dashboard
    }

    private static func describe(_ node: JSONNode) -> String {
        switch node.value {
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case .object: return "an object"
        }
    }
}

extension String {
    fileprivate func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
