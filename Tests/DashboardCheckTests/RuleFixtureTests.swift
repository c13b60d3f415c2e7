import DashboardCheck
import Testing

/// Every rule has a dashboard of mistakes (each panel one mistake) and a dashboard of correct
/// queries (which must produce no finding at all, with the app's metrics known).
@Suite("Rules on their fixture dashboards")
struct RuleFixtureTests {
    static let rules = [
        "counter-without-rate", "rate-on-non-counter", "rate-interval", "histogram-quantile-le",
        "quantile-aggregation", "unknown-metric", "unknown-label", "promql-syntax", "panel-no-targets",
        "panel-datasource",
    ]

    @Test("every panel of the rule's mistakes dashboard gets a finding of that rule", arguments: rules)
    func mistakesAreFound(rule: String) throws {
        let report = try Fixture.lint("rules/\(rule).hit.json", withMetrics: true)
        let dashboard = try #require(
            try DashboardLoader.load(JSONReader.parse(try Fixture.bytes("rules/\(rule).hit.json")))
        )
        #expect(dashboard.panels.count >= 2)
        for panel in dashboard.panels {
            let found = report.findings.filter { $0.panel == panel.displayTitle && $0.rule == rule }
            #expect(!found.isEmpty, "panel \"\(panel.displayTitle)\" should have a \(rule) finding: \(report.findings)")
        }
        let description = try #require(Linter.allRules.first { $0.id == rule })
        for finding in report.findings where finding.rule == rule {
            #expect(finding.severity == description.severity)
            #expect(finding.hint == description.hint)
            #expect(!finding.message.isEmpty)
        }
    }

    @Test("the rule's correct dashboard gives no finding at all", arguments: rules)
    func correctQueriesAreClean(rule: String) throws {
        let report = try Fixture.lint("rules/\(rule).clean.json", withMetrics: true)
        #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.rule) \($0.panel ?? ""): \($0.message)" })")
        #expect(!report.queries.isEmpty || rule == "panel-no-targets")
    }

    @Test("the rules that need the app's metrics stay quiet without them")
    func metricRulesNeedMetrics() throws {
        for rule in ["rate-on-non-counter", "unknown-metric", "unknown-label"] {
            let report = try Fixture.lint("rules/\(rule).hit.json", withMetrics: false)
            #expect(!report.findings.contains { $0.rule == rule })
        }
    }

    @Test("without metrics, counters are recognised by their suffix (as warnings) and summaries by a quantile matcher")
    func suffixHeuristics() throws {
        let report = try Fixture.lint(
            json: Fixture.dashboard([
                "my_jobs_processed_total", "my_latency_count", "avg(my_latency{quantile=\"0.9\"})", "my_queue_depth",
            ])
        )
        // my_latency_count is a counter because my_latency{quantile=...} is on the same dashboard.
        let counters = report.findings.filter { $0.rule == "counter-without-rate" }
        #expect(counters.map(\.target) == ["A", "B"])
        #expect(counters.allSatisfy { $0.severity == .warning && $0.message.contains("by its name") })
        #expect(report.findings.filter { $0.rule == "quantile-aggregation" }.map(\.target) == ["C"])
        #expect(!report.findings.contains { $0.target == "D" })
    }

    @Test("an unknown metric comes with the closest exposed name")
    func unknownMetricSuggestion() throws {
        let report = try Fixture.lint(
            json: Fixture.dashboard(["rate(http_request_total[$__rate_interval])"]),
            withMetrics: true
        )
        let finding = try #require(report.findings.first { $0.rule == "unknown-metric" })
        #expect(finding.message.contains("http_request_total"))
        #expect(finding.message.contains("did you mean http_requests_total?"))
    }

    @Test("a variable in a matcher does not hide an unknown metric name; a name from a variable is not judged")
    func unknownMetricWithVariables() throws {
        let report = try Fixture.lint(
            json: Fixture.dashboard(
                ["process_open_fds{job=\"$job\"}", "$metric{job=\"$job\"}"],
                extra: #""templating": {"list": [{"name": "metric", "type": "custom", "current": {"value": "zzz"}}]}"#
            ),
            withMetrics: true
        )
        #expect(report.findings.map(\.target) == ["A"])
        #expect(report.findings.first?.rule == "unknown-metric")
    }

    @Test("rate-interval tells $__rate_interval from the same value written by hand")
    func rateIntervalUsesTheExpansionRecord() throws {
        // $__rate_interval expands to 1m: a literal [1m] must still be reported, the variable not.
        let report = try Fixture.lint(
            json: Fixture.dashboard(["rate(http_requests_total[1m])", "rate(http_requests_total[$__rate_interval])"])
        )
        #expect(report.findings.map(\.target) == ["A"])
        #expect(report.findings.first?.rule == "rate-interval")
        #expect(report.findings.first?.message.contains("[1m]") == true)
    }

    @Test("histogram_quantile accepts le kept through group_left matching and recorded bucket rates")
    func histogramNoFalseAlarms() throws {
        let report = try Fixture.lint(
            json: Fixture.dashboard([
                "histogram_quantile(0.9, sum by (le) (rate(a_bucket[$__rate_interval])) / ignoring (job) group_left sum by (le) (rate(a_bucket[$__rate_interval])))",
                "histogram_quantile(0.9, job:a_bucket:rate5m)",
                "histogram_quantile(0.9, sum by (le) (rate(a_bucket[$__rate_interval])) / on (handler) group_left vector(1))",
            ])
        )
        #expect(report.findings.isEmpty, "\(report.findings)")
    }
}
