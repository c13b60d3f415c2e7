import DashboardCheck
import Testing

/// Dashboards shaped like the ones teams run (exporter gauges whose names end in `_count` or
/// `_total`, a metric picked by a variable, MetricsQL queries): the checker raises an error only
/// with evidence, and each message quotes what the author wrote.
@Suite("Real-world dashboards")
struct RealWorldDashboardTests {
    private func lint(_ name: String, catalog: MetricCatalog? = nil) throws -> FileReport {
        Linter(declaredTypes: catalog).lint(bytes: try Fixture.bytes("real-world/\(name)"), path: name)
    }

    private func exporters() throws -> MetricCatalog {
        try MetricsSource.loadCatalogFiles([try Fixture.path("exporters.prom")])
    }

    private func counterFindings(_ report: FileReport) -> [Finding] {
        report.findings.filter { $0.rule == "counter-without-rate" }
    }

    @Test(
        "without types, a raw _total is a warning that says it judged by the name, never an error",
        arguments: ["postgres-overview.json", "mysql-innodb.json", "mongodb-cluster.json", "go-runtime.json"]
    )
    func nameAloneIsAWarning(name: String) throws {
        let findings = counterFindings(try lint(name))
        #expect(!findings.isEmpty)
        for finding in findings {
            #expect(finding.severity == .warning, "\(finding.message)")
            #expect(finding.message.contains("by its name"), "\(finding.message)")
        }
    }

    @Test("a raw _count or _sum is no finding unless its family's other series are on the dashboard")
    func countNeedsSiblings() throws {
        let postgres = try lint("postgres-overview.json")
        #expect(!postgres.findings.contains { $0.message.contains("pg_stat_activity_count") })
        #expect(!postgres.findings.contains { $0.message.contains("pg_locks_count") })
        let go = counterFindings(try lint("go-runtime.json"))
        #expect(go.map(\.panel) == ["GC count (raw)"])
        #expect(go.first?.message.contains("go_gc_duration_seconds_sum on the same dashboard") == true)

        let bucket = try Fixture.lint(json: Fixture.dashboard(["a_count", "rate(a_bucket[$__rate_interval])"]))
        #expect(counterFindings(bucket).map(\.target) == ["A"])
        let quantiles = try Fixture.lint(json: Fixture.dashboard(["b_sum", "b{quantile=\"0.9\"}"]))
        #expect(counterFindings(quantiles).map(\.target) == ["A"])
        let alone = try Fixture.lint(json: Fixture.dashboard(["c_count", "c_sum_total_bytes", "rate(c_total[1m])"]))
        #expect(counterFindings(alone).isEmpty)
    }

    @Test("a catalog file turns the name's guess into a verdict: gauges pass, counters are errors")
    func catalogDecides() throws {
        let catalog = try exporters()
        var errors: [String] = []
        for name in ["postgres-overview.json", "mysql-innodb.json", "mongodb-cluster.json", "go-runtime.json"] {
            let findings = counterFindings(try lint(name, catalog: catalog))
            #expect(findings.allSatisfy { $0.severity == .error && $0.message.contains("--catalog") })
            errors += findings.compactMap(\.panel)
        }
        #expect(errors.sorted() == ["Checkpoints (raw)", "Commands (raw)", "GC count (raw)"])
    }

    @Test("a metric name that only a variable's saved value gives is not judged")
    func variableMetricIsNotEvidence() throws {
        let report = try lint("metric-explorer.json")
        #expect(counterFindings(report).isEmpty, "\(report.findings.map(\.message))")
        let withMetrics = try Fixture.lint(
            json: Fixture.dashboard(
                ["$metric", "rate($metric[$__rate_interval])"],
                extra:
                    #""templating": {"list": [{"name": "metric", "type": "custom", "current": {"value": "process_resident_memory_bytes"}}]}"#
            ),
            withMetrics: true
        )
        #expect(withMetrics.findings.isEmpty, "\(withMetrics.findings.map(\.message))")
    }

    @Test("each MetricsQL function or keyword is named, with its own hint, under promql-syntax")
    func metricsQLIsNamed() throws {
        let report = try lint("victoriametrics.json")
        let expected = [
            "Top 5 CPU": "topk_max is a VictoriaMetrics MetricsQL function; Prometheus rejects it",
            "Last value": "range_last is a VictoriaMetrics MetricsQL function; Prometheus rejects it",
            "Only instance": "label_keep is a VictoriaMetrics MetricsQL function; Prometheus rejects it",
            "Kept names": "keep_metric_names is VictoriaMetrics MetricsQL syntax; Prometheus rejects it",
            "Templates": "WITH is VictoriaMetrics MetricsQL syntax; Prometheus rejects it",
            "Default": "default is VictoriaMetrics MetricsQL syntax; Prometheus rejects it",
        ]
        #expect(report.findings.count == expected.count, "\(report.findings.map(\.message))")
        for finding in report.findings {
            #expect(finding.rule == "promql-syntax")
            #expect(finding.severity == .error)
            #expect(finding.message == expected[finding.panel ?? ""], "\(finding.panel ?? ""): \(finding.message)")
            #expect(finding.hint == MetricsQL.hint)
        }
        let topk = try #require(report.findings.first { $0.panel == "Top 5 CPU" })
        #expect(topk.expressionRange == 0..<8)
    }

    @Test("PromQL errors that are not MetricsQL keep Prometheus's words and the usual hint")
    func plainErrorsStayPlain() throws {
        let report = try Fixture.lint(
            json: Fixture.dashboard([
                "rate(x_total[5m]", "sum(if{default=\"1\"}) by (if)", "x_total{if=\"a\"} + unknown_fn(y)",
            ])
        )
        let syntax = report.findings.filter { $0.rule == "promql-syntax" }
        #expect(syntax.map(\.target) == ["A", "C"])
        #expect(syntax.allSatisfy { $0.hint == PromQLSyntaxRule.description.hint && !$0.message.contains("MetricsQL") })
    }
}
