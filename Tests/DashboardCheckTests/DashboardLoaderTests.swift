import DashboardCheck
import Testing

@Suite("Reading dashboards as Grafana exports them")
struct DashboardLoaderTests {
    private func load(_ fixture: String) throws -> Dashboard {
        try DashboardLoader.load(try JSONReader.parse(try Fixture.bytes(fixture)))
    }

    @Test("panels after an open row and inside a collapsed row are both read")
    func rows() throws {
        let dashboard = try load("shapes/rows.json")
        #expect(dashboard.panels.map(\.title) == ["after open row", "inside collapsed row"])
        let report = try Fixture.lint("shapes/rows.json")
        #expect(report.findings.map(\.panel) == ["after open row", "inside collapsed row"])
    }

    @Test("legacy rows[].panels[] with a datasource given by name are read and checked")
    func legacyRows() throws {
        let dashboard = try load("shapes/legacy-rows.json")
        #expect(dashboard.panels.map(\.title) == ["legacy graph", "legacy stat"])
        let report = try Fixture.lint("shapes/legacy-rows.json")
        #expect(report.findings.map(\.rule) == ["counter-without-rate", "counter-without-rate"])
    }

    @Test("a library panel takes its model from __elements; one missing from the export is not a finding")
    func libraryPanels() throws {
        let dashboard = try load("shapes/library-panels.json")
        #expect(dashboard.panels.map(\.title) == ["Shared requests", "Elsewhere"])
        #expect(dashboard.panels[0].libraryPanel == "Shared requests")
        #expect(dashboard.panels[0].targets.first?.expression == "http_requests_total")
        #expect(dashboard.panels[1].isUnresolvedLibraryPanel)
        let report = try Fixture.lint("shapes/library-panels.json")
        #expect(report.findings.map(\.rule) == ["counter-without-rate"])
        #expect(report.findings.first?.panel == "Shared requests")
    }

    @Test("__inputs resolve ${DS_...} to their plugin: Prometheus checked, Loki skipped and flagged")
    func inputs() throws {
        let dashboard = try load("shapes/inputs.json")
        #expect(dashboard.inputs == ["DS_PROMETHEUS": "prometheus", "DS_LOKI": "loki"])
        let report = try Fixture.lint("shapes/inputs.json")
        #expect(report.queries.map(\.panel) == ["prometheus by input"])
        #expect(report.skipped.map(\.panel) == ["loki by input", "loki by input name"])
        #expect(!report.findings.contains { $0.rule == "promql-syntax" })
        #expect(report.findings.filter { $0.rule == "panel-datasource" }.count == 2)
    }

    @Test("the HTTP API's {dashboard, meta} wrapper and a schema v2 resource are dashboards")
    func wrappers() throws {
        #expect(try load("shapes/api-wrapper.json").panels.map(\.title) == ["wrapped panel"])
        let v2 = try load("shapes/resource-v2.json")
        #expect(v2.title == "Schema v2")
        #expect(v2.panels.map(\.title) == ["v2 panel"])
        #expect(v2.panels.first?.targets.first?.expression == "http_requests_total")
        #expect(try Fixture.lint("shapes/resource-v2.json").findings.map(\.rule) == ["counter-without-rate"])
    }

    @Test("annotation and variable queries are checked; hidden targets and label_names() are skipped")
    func variablesAndAnnotations() throws {
        let report = try Fixture.lint("shapes/variables.json")
        #expect(
            report.queries.map(\.panel) == [
                "by handler", "annotation restarts", "annotation raw counter", "variable job", "variable handler",
                "variable top", "variable broken",
            ]
        )
        #expect(report.skipped == [SkippedQuery(panel: "hidden target", target: "A", reason: "hidden (hide: true)")])
        #expect(report.findings.map(\.panel) == ["annotation raw counter", "variable broken"])
        #expect(report.findings.map(\.rule) == ["counter-without-rate", "promql-syntax"])
        // label_values(http_requests_total, job): a bare counter selector is fine in a variable.
        #expect(report.queries[3].expression == "http_requests_total")
    }

    @Test("JSON that is not a dashboard is reported as such, with its position")
    func notADashboard() throws {
        for fixture in ["malformed/array.json", "malformed/settings.json"] {
            let report = Linter().lint(bytes: try Fixture.bytes(fixture), path: fixture)
            #expect(report.findings.map(\.rule) == ["not-a-dashboard"])
            #expect(report.findings.first?.position == TextPosition(line: 1, column: 1))
            #expect(report.isUnusable)
        }
    }

    @Test("invalid JSON is reported with the line and column of the mistake")
    func invalidJSON() throws {
        let cases: [(String, Int, Int)] = [
            ("malformed/trailing-comma.json", 4, 28), ("malformed/truncated.json", 5, 1),
            ("malformed/empty.json", 1, 1),
        ]
        for (fixture, line, column) in cases {
            let report = Linter().lint(bytes: try Fixture.bytes(fixture), path: fixture)
            #expect(report.findings.map(\.rule) == ["invalid-json"])
            #expect(report.findings.first?.position == TextPosition(line: line, column: column), "\(fixture)")
            #expect(report.findings.first?.message.contains("line \(line), column \(column)") == true)
        }
    }
}
