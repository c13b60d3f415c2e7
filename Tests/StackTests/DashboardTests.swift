import Foundation
import PromQL
import TestSupport
import Testing

@Suite("Grafana provisioning and the workshop dashboard")
struct DashboardTests {
    static let dashboardPath = "configs/grafana/dashboards/workshop.json"
    /// The uid the provisioned datasource gets, which every panel refers to.
    static let datasourceUID = "workshop-prometheus"

    @Test("the datasource is provisioned at http://prometheus:9090 with the uid the panels use")
    func provisionedDatasource() throws {
        let text = try Repository.text("configs/grafana/provisioning/datasources/prometheus.yml")
        #expect(text.contains("uid: \(Self.datasourceUID)"))
        #expect(text.contains("url: http://prometheus:9090"))
        #expect(text.contains("type: prometheus"))
        let provider = try Repository.text("configs/grafana/provisioning/dashboards/workshop.yml")
        #expect(provider.contains("path: /etc/grafana/dashboards"))
        let compose = try Repository.text("docker-compose.yml")
        #expect(compose.contains("./configs/grafana/dashboards:/etc/grafana/dashboards:ro"))
        #expect(compose.contains("./Exercises/dashboards:/etc/grafana/your-work:ro"))
        let providers = try GrafanaProviders.load()
        #expect(Set(providers.map(\.name)).count == providers.count, "two providers share a name")
        #expect(providers.first { $0.folder == "Your work" }?.path == "/etc/grafana/your-work")
    }

    @Test(
        "the student's starter and solution dashboards use the provisioned datasource and query workshop-app only",
        arguments: ["Exercises/dashboards/workshop.json", "Solutions/dashboards/workshop.json"]
    )
    func studentDashboard(path: String) throws {
        let dashboard = try WorkshopDashboard.load(path)
        let reference = try WorkshopDashboard.load(Self.dashboardPath)
        #expect(dashboard.uid != reference.uid, "\(path) would replace the reference dashboard in Grafana")
        #expect(dashboard.title != reference.title)
        #expect(!dashboard.dataPanels.isEmpty)
        for panel in dashboard.dataPanels {
            #expect(panel.datasource?.uid == Self.datasourceUID, "\(path): panel '\(panel.title)'")
            let targets = panel.targets ?? []
            #expect(!targets.isEmpty, "\(path): panel '\(panel.title)' has no query")
            for target in targets {
                #expect(target.datasource?.uid == Self.datasourceUID, "\(path): panel '\(panel.title)' \(target.refId)")
                let expr = target.expr ?? ""
                // Every selector of the query names the student's job, so no panel shows the reference's data.
                var selectors: [VectorSelector] = []
                let concrete = expr.replacingOccurrences(of: "$__rate_interval", with: "1m")
                try PromQLParser.parse(concrete).walk { node, _ in
                    if case .vectorSelector(let selector) = node { selectors.append(selector) }
                }
                #expect(!selectors.isEmpty, "\(path): panel '\(panel.title)': \(expr)")
                for selector in selectors {
                    #expect(
                        selector.matchers.contains {
                            $0.name == "job" && $0.op == .equal && $0.value == "workshop-app"
                        },
                        "\(path): panel '\(panel.title)': \(selector.name ?? "a selector") lacks job=\"workshop-app\" in \(expr)"
                    )
                }
            }
        }
    }

    @Test("every panel has a title, a description, a unit and the provisioned datasource")
    func panelsAreDocumented() throws {
        let dashboard = try WorkshopDashboard.load(Self.dashboardPath)
        #expect(dashboard.schemaVersion == 41)
        #expect(dashboard.dataPanels.count >= 10)
        #expect(Set(dashboard.panels.map(\.id)).count == dashboard.panels.count, "panel ids must be unique")
        for panel in dashboard.dataPanels {
            let description = panel.description ?? ""
            let unit = panel.fieldConfig?.defaults.unit ?? ""
            #expect(!description.isEmpty, "panel '\(panel.title)' has no description")
            #expect(!unit.isEmpty, "panel '\(panel.title)' has no unit")
            #expect(panel.datasource?.uid == Self.datasourceUID, "panel '\(panel.title)'")
            let targets = panel.targets ?? []
            #expect(!targets.isEmpty, "panel '\(panel.title)' has no query")
            for target in targets {
                #expect(target.datasource?.uid == Self.datasourceUID, "panel '\(panel.title)' \(target.refId)")
            }
        }
    }

    @Test("a job variable switches between the reference app and the student's app in every query")
    func jobVariable() throws {
        let dashboard = try WorkshopDashboard.load(Self.dashboardPath)
        let job = try #require(dashboard.templating.list.first { $0.name == "job" })
        #expect(job.query == "instrumented-app,workshop-app")
        for panel in dashboard.dataPanels {
            for target in panel.targets ?? [] {
                let expr = target.expr ?? ""
                #expect(expr.contains(#"job="$job""#), "panel '\(panel.title)' \(target.refId): \(expr)")
                if expr.contains("rate(") {
                    #expect(!expr.contains(#/\[\d+[smh]\]/#), "fixed range in '\(panel.title)': \(expr)")
                    #expect(expr.contains("[$__rate_interval]"), "panel '\(panel.title)': \(expr)")
                }
            }
        }
    }

    @Test("the RED and USE panels the workshop teaches are all there")
    func expectedPanels() throws {
        let exprs = try WorkshopDashboard.load(Self.dashboardPath).dataPanels
            .flatMap { $0.targets ?? [] }.compactMap(\.expr)
        func some(_ fragment: String) -> Bool { exprs.contains { $0.contains(fragment) } }
        #expect(some("sum by (handler, status) (rate(http_requests_total"))
        #expect(some(#"status=~"5..""#))
        for quantile in ["0.5", "0.95", "0.99"] {
            #expect(some("histogram_quantile(\(quantile), sum by (le) (rate(http_request_duration_seconds_bucket"))
        }
        #expect(exprs.contains { $0.hasPrefix("http_request_duration_summary_seconds{") })
        #expect(some("http_requests_in_progress"))
        #expect(some("redis_app_redis_command_duration_seconds_bucket"))
        #expect(some("redis_app_cache_hit_total") && some("redis_app_cache_miss_total"))
        #expect(some("process_cpu_seconds_total") && some("process_resident_memory_bytes"))
    }

    /// The one panel that aggregates summary quantiles: the mistake the "Many instances" row shows.
    static let mistakePanel = "p95 averaged over instances (summary): the mistake"

    @Test("summary quantiles are aggregated only in the panel that shows the mistake, which the checker excludes")
    func summaryNotAggregated() throws {
        var aggregating: [String] = []
        for panel in try WorkshopDashboard.load(Self.dashboardPath).dataPanels {
            for expr in (panel.targets ?? []).compactMap(\.expr) where expr.contains("_summary_seconds{") {
                if expr.contains(#/(sum|avg|max|min)\s*(by|without|\()/#) { aggregating.append(panel.title) }
            }
        }
        #expect(aggregating == [Self.mistakePanel])
        let exclusions = try Repository.text("configs/grafana/dashboards/.dashboard-check.json")
        #expect(exclusions.contains(#""rule": "quantile-aggregation""#))
        #expect(exclusions.contains(#""panel": "\#(Self.mistakePanel)""#))
    }

    @Test("the many-instances row puts the averaged summary p95 next to the histogram p95, each explained")
    func manyInstancesRow() throws {
        let panels = try WorkshopDashboard.load(Self.dashboardPath).dataPanels
        let averaged = try #require(panels.first { $0.title == Self.mistakePanel })
        let pooled = try #require(panels.first { $0.title.hasPrefix("p95 of the service") })
        #expect(
            averaged.targets?.compactMap(\.expr)
                == [#"avg(http_request_duration_summary_seconds{job="$job", quantile="0.95"})"#]
        )
        #expect(
            pooled.targets?.compactMap(\.expr) == [
                #"histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="$job"}[$__rate_interval])))"#
            ]
        )
        #expect(averaged.gridPos?.y == pooled.gridPos?.y, "side by side")
        #expect(averaged.description?.contains("6.7%") == true)
        #expect(pooled.description?.contains("sum by (le)") == true)
    }

    @Test("every query is PromQL that Prometheus itself parses")
    func queriesParse() async throws {
        // promtool parses every expression of a rule file: the queries become recording rules,
        // with the dashboard variables replaced the way Grafana would.
        var rules = "groups:\n  - name: dashboard\n    rules:\n"
        var count = 0
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        for panel in try WorkshopDashboard.load(Self.dashboardPath).dataPanels {
            for expr in (panel.targets ?? []).compactMap(\.expr) {
                count += 1
                let concrete = expr.replacingOccurrences(of: "$__rate_interval", with: "20s")
                    .replacingOccurrences(of: "$job", with: "instrumented-app")
                let quoted = String(decoding: try encoder.encode(concrete), as: UTF8.self)
                rules += "      - record: dashboard_query_\(count)\n        expr: \(quoted)\n"
            }
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-\(UUID().uuidString).yml")
        try rules.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try await ManagedProcess.capture(
            executable: ManagedProcess.locate("promtool", debianPackage: "prometheus"),
            arguments: ["check", "rules", file.path]
        )
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        #expect(run.standardOutput.contains("SUCCESS: \(count) rules found"))
    }
}
