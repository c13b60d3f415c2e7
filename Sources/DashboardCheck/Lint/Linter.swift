import PromQL

/// Checks dashboards: reads the JSON, expands variables, parses every PromQL query and runs the rules.
public struct Linter: Sendable {
    /// The query rules that run without extra input (plus those that need `--metrics`, which stay
    /// quiet without a catalog).
    public static let defaultQueryRules: [any QueryRule] = [
        CounterWithoutRateRule(), RateOnNonCounterRule(), RateIntervalRule(), HistogramQuantileLeRule(),
        QuantileAggregationRule(), UnknownMetricRule(), UnknownLabelRule(),
    ]
    /// The panel rules.
    public static let defaultPanelRules: [any PanelRule] = [PanelNoTargetsRule(), PanelDatasourceRule()]

    /// Every rule's description, input errors and live rules included.
    public static var allRules: [RuleDescription] {
        [InputProblem.invalidJSON, InputProblem.notADashboard, PromQLSyntaxRule.description]
            + defaultQueryRules.map(\.description) + defaultPanelRules.map(\.description)
            + [LiveRules.noData, LiveRules.queryError]
    }

    /// The application's metrics, when known.
    public var catalog: MetricCatalog?
    /// The types a metric catalog file declares (`--catalog`), when given.
    public var declaredTypes: MetricCatalog?
    /// The query rules to run.
    public var queryRules: [any QueryRule]
    /// The panel rules to run.
    public var panelRules: [any PanelRule]

    /// Makes a linter.
    public init(
        catalog: MetricCatalog? = nil,
        declaredTypes: MetricCatalog? = nil,
        queryRules: [any QueryRule] = Linter.defaultQueryRules,
        panelRules: [any PanelRule] = Linter.defaultPanelRules
    ) {
        self.catalog = catalog
        self.declaredTypes = declaredTypes
        self.queryRules = queryRules
        self.panelRules = panelRules
    }

    /// Checks the file at `path`.
    public func lint(path: String) -> FileReport {
        guard let bytes = FileReading.bytes(atPath: path) else {
            return FileReport(
                path: path,
                findings: [Self.finding(InputProblem.unreadableFile, message: "cannot read \(path)", position: nil)]
            )
        }
        return lint(bytes: bytes, path: path)
    }

    /// Checks a dashboard given as bytes; `path` names it in the report.
    public func lint(bytes: [UInt8], path: String) -> FileReport {
        let root: JSONNode
        do {
            root = try JSONReader.parse(bytes)
        } catch {
            return FileReport(
                path: path,
                findings: [
                    Self.finding(
                        InputProblem.invalidJSON,
                        message: "invalid JSON at line \(error.line), column \(error.column): \(error.message)",
                        position: TextPosition(line: error.line, column: error.column)
                    )
                ]
            )
        }
        let dashboard: Dashboard
        do {
            dashboard = try DashboardLoader.load(root)
        } catch {
            let position = LineIndex(bytes).position(of: error.offset)
            return FileReport(
                path: path,
                findings: [Self.finding(InputProblem.notADashboard, message: error.message, position: position)]
            )
        }
        return lint(dashboard, bytes: bytes, path: path)
    }

    /// Checks a loaded dashboard; `bytes` (the file) turn offsets into lines and columns.
    public func lint(_ dashboard: Dashboard, bytes: [UInt8], path: String) -> FileReport {
        var report = FileReport(path: path, dashboard: dashboard.title, dashboardUID: dashboard.uid)
        let expander = VariableExpander(dashboard: dashboard)
        let expressions = Self.expressions(of: dashboard)
        var lines: LineIndex?
        func position(stringOffset: Int?, utf8Offset: Int, fallback: Int?) -> TextPosition? {
            if lines == nil { lines = LineIndex(bytes) }
            if let stringOffset {
                let offset = JSONReader.sourceOffset(inString: stringOffset, utf8Offset: utf8Offset, of: bytes)
                return lines?.position(of: offset)
            }
            return fallback.flatMap { lines?.position(of: $0) }
        }

        for (index, panel) in dashboard.panels.enumerated() {
            for rule in panelRules {
                guard let message = rule.check(panel, in: dashboard) else { continue }
                report.findings.append(
                    Self.finding(
                        rule.description,
                        message: message,
                        panel: panel.displayTitle,
                        position: position(stringOffset: nil, utf8Offset: 0, fallback: panel.offset)
                    )
                )
            }
            let panelKind = dashboard.datasourceKind(of: panel.datasource)
            for target in panel.targets {
                let expression = target.expression ?? ""
                if expression.allSatisfy(\.isWhitespace) { continue }
                if target.isHidden {
                    report.skipped.append(
                        SkippedQuery(panel: panel.displayTitle, target: target.refId, reason: "hidden (hide: true)")
                    )
                    continue
                }
                var kind = panelKind
                if let own = target.datasource { kind = dashboard.datasourceKind(of: own) }
                if case .mixed = kind { kind = .defaultDatasource }
                guard kind.isPromQL else {
                    report.skipped.append(
                        SkippedQuery(
                            panel: panel.displayTitle,
                            target: target.refId,
                            reason: "not a Prometheus datasource (\(Self.describe(kind)))"
                        )
                    )
                    continue
                }
                let query = CheckedQuery(
                    origin: .panelTarget,
                    panel: panel.displayTitle,
                    panelIndex: index,
                    panelType: panel.type,
                    target: target.refId,
                    expression: expression,
                    stringOffset: target.expressionOffset,
                    offsetInString: 0,
                    expanded: expander.expand(expression),
                    expr: nil
                )
                check(query, into: &report, dashboard: expressions, position: position)
            }
        }
        for annotation in dashboard.annotations where annotation.isEnabled {
            guard let expression = annotation.expression, !expression.allSatisfy(\.isWhitespace),
                dashboard.datasourceKind(of: annotation.datasource).isPromQL
            else { continue }
            let query = CheckedQuery(
                origin: .annotation,
                panel: "annotation \(annotation.name)",
                panelIndex: nil,
                panelType: nil,
                target: nil,
                expression: expression,
                stringOffset: annotation.expressionOffset,
                offsetInString: 0,
                expanded: expander.expand(expression),
                expr: nil
            )
            check(query, into: &report, dashboard: expressions, position: position)
        }
        for variable in dashboard.variables where variable.type == "query" {
            guard let text = variable.query, dashboard.datasourceKind(of: variable.datasource).isPromQL,
                let inner = VariableQuery.parse(text)
            else { continue }
            let query = CheckedQuery(
                origin: inner.isSelector ? .variableSelector : .variableQuery,
                panel: "variable \(variable.name)",
                panelIndex: nil,
                panelType: nil,
                target: nil,
                expression: inner.expression,
                stringOffset: variable.queryOffset,
                offsetInString: inner.offset,
                expanded: expander.expand(inner.expression),
                expr: nil
            )
            check(query, into: &report, dashboard: expressions, position: position)
        }
        return report
    }

    /// Parses one query, runs the query rules and records the findings.
    private func check(
        _ query: CheckedQuery,
        into report: inout FileReport,
        dashboard: DashboardExpressions,
        position: (Int?, Int, Int?) -> TextPosition?
    ) {
        var query = query
        query.position = position(query.stringOffset, query.offsetInString, nil)
        let queryIndex = report.queries.count
        func record(
            _ description: RuleDescription,
            _ message: String,
            expandedRange: SourceRange,
            severity: Severity? = nil,
            hint: String? = nil
        ) {
            let range = query.expanded.originalRange(of: expandedRange)
            report.findings.append(
                Finding(
                    rule: description.id,
                    severity: severity ?? description.severity,
                    message: query.expanded.annotating(message),
                    hint: hint ?? description.hint,
                    panel: query.panel,
                    target: query.target,
                    expression: query.expression,
                    expressionRange: range,
                    position: position(query.stringOffset, query.offsetInString + range.lowerBound, nil),
                    queryIndex: queryIndex
                )
            )
        }
        do {
            let expr = try PromQLParser.parse(query.expanded.text)
            query.expr = expr
            if query.origin == .variableSelector, expr.type != .vector {
                record(
                    PromQLSyntaxRule.description,
                    "a variable's label_values() needs a series selector, got \(expr.type.rawValue)",
                    expandedRange: expr.range
                )
            } else {
                let context = QueryContext(
                    expr: expr,
                    expanded: query.expanded,
                    origin: query.origin,
                    catalog: catalog,
                    declaredTypes: declaredTypes,
                    dashboard: dashboard
                )
                for rule in queryRules {
                    for hit in rule.check(context) {
                        record(
                            rule.description,
                            hit.message,
                            expandedRange: hit.range,
                            severity: hit.severity,
                            hint: hit.hint
                        )
                    }
                }
            }
        } catch {
            let hit = PromQLSyntaxRule.hit(for: error, in: query.expanded)
            record(PromQLSyntaxRule.description, hit.message, expandedRange: hit.range, hint: hit.hint)
        }
        report.queries.append(query)
    }

    /// The PromQL text of every query of `dashboard` (panel targets, annotations, variables), for
    /// the rules that look for a family's other series.
    static func expressions(of dashboard: Dashboard) -> DashboardExpressions {
        var texts: [String] = []
        for panel in dashboard.panels {
            for target in panel.targets { if let expression = target.expression { texts.append(expression) } }
        }
        for annotation in dashboard.annotations {
            if let expression = annotation.expression { texts.append(expression) }
        }
        for variable in dashboard.variables { if let query = variable.query { texts.append(query) } }
        return DashboardExpressions(texts)
    }

    static func finding(
        _ description: RuleDescription,
        message: String,
        panel: String? = nil,
        position: TextPosition?
    ) -> Finding {
        Finding(
            rule: description.id,
            severity: description.severity,
            message: message,
            hint: description.hint,
            panel: panel,
            position: position
        )
    }

    private static func describe(_ kind: DatasourceKind) -> String {
        switch kind {
        case .other(let plugin): return plugin
        case .dashboard: return "-- Dashboard --"
        case .mixed: return "-- Mixed --"
        default: return "unknown"
        }
    }
}
