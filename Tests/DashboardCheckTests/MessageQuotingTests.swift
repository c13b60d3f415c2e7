import DashboardCheck
import Foundation
import Testing

/// Messages quote what the author wrote (`[$interval]`), and say a variable's value in words
/// where it matters ("$interval is 5m on this dashboard"), never as if the author had written it.
@Suite("Messages quote the source")
struct MessageQuotingTests {
    private static let variables = #"""
        "templating": {"list": [
          {"name": "interval", "type": "interval", "query": "1m,5m", "current": {"text": "5m", "value": "5m"}},
          {"name": "minutes", "type": "custom", "current": {"text": "5", "value": "5"}},
          {"name": "group", "type": "custom", "current": {"text": "handler", "value": "handler"}},
          {"name": "fn", "type": "custom", "current": {"text": "topk_max", "value": "topk_max"}},
          {"name": "op", "type": "custom", "current": {"text": "+*", "value": "+*"}}
        ]}
        """#

    @Test("rate-interval quotes the range as written and gives a variable's share of it in words")
    func rateIntervalQuotesTheRange() throws {
        let report = try Fixture.lint(
            json: Fixture.dashboard(
                [
                    "irate(http_requests_total[$interval])", "rate(http_requests_total[${minutes}m])",
                    "irate(http_requests_total[$__interval])", "rate(http_requests_total[5m])",
                ],
                extra: Self.variables
            )
        )
        let messages = Dictionary(
            report.findings.map { ($0.target ?? "", $0.message) },
            uniquingKeysWith: { first, _ in first }
        )
        #expect(messages["A"] == nil, "a range the dashboard's viewer picks is not a fixed range")
        #expect(
            messages["B"] == "rate() over a fixed range [${minutes}m] (${minutes} is 5 on this dashboard); "
                + "use [$__rate_interval]"
        )
        #expect(messages["C"]?.hasPrefix("irate() over [$__interval], which can be shorter") == true)
        #expect(messages["D"] == "rate() over a fixed range [5m]; use [$__rate_interval]")
        let range = try #require(report.findings.first { $0.target == "B" }?.expressionRange)
        #expect(range == 25..<36)
    }

    @Test("a rule that quotes a variable's value says whose value it is")
    func valuesAreNamed() throws {
        let report = try Fixture.lint(
            json: Fixture.dashboard(
                [
                    "histogram_quantile(0.9, sum by ($group) (rate(http_request_duration_seconds_bucket[$__rate_interval])))"
                ],
                extra: Self.variables
            )
        )
        let finding = try #require(report.findings.first { $0.rule == "histogram-quantile-le" })
        #expect(finding.message == "sum by (handler) drops the le label ($group is handler on this dashboard)")
        #expect(finding.expression?.contains("$group") == true)
    }

    @Test("a syntax error inside a variable's value names the variable and its value")
    func syntaxErrorsInValues() throws {
        let report = try Fixture.lint(json: Fixture.dashboard(["a $op b", "$fn(5, x)"], extra: Self.variables))
        let messages = Dictionary(
            report.findings.map { ($0.target ?? "", $0.message) },
            uniquingKeysWith: { first, _ in first }
        )
        #expect(messages["A"]?.hasSuffix("(where $op is +* on this dashboard)") == true, "\(messages)")
        #expect(
            messages["B"]
                == "$fn is topk_max on this dashboard: topk_max is a VictoriaMetrics MetricsQL function; "
                + "Prometheus rejects it"
        )
    }

    @Test("no finding on any fixture dashboard passes a variable's value off as written text")
    func noValueQuotedAsWritten() throws {
        let base = try Fixture.path("")
        let files = FileReading.dashboardFiles(in: [base])
        try #require(files.count > 40)
        var checked = 0
        for file in files {
            let report = Linter(catalog: try Fixture.catalog()).lint(path: file)
            for finding in report.findings {
                guard let index = finding.queryIndex else { continue }
                let expanded = report.queries[index].expanded
                for substitution in expanded.substitutions {
                    let value = expanded.expandedText(of: substitution.expandedRange)
                    let reference = expanded.originalText(of: substitution.originalRange)
                    guard value.count >= 2, finding.message.contains(value), !expanded.original.contains(value)
                    else { continue }
                    checked += 1
                    #expect(finding.message.contains(reference), "\(file): \(finding.message)")
                }
            }
        }
        // The dashboards above include values that rules quote (`$group`, `$op`): make sure some were looked at.
        #expect(checked > 0)
    }
}
