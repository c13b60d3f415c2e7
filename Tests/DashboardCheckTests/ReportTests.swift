import DashboardCheck
import Foundation
import Testing

@Suite("Reports")
struct ReportTests {
    @Test("the caret sits under the position, tildes under the rest of the range")
    func caret() {
        let lines = CaretRenderer.render("sum(rate(x[5m]))", range: 11..<13, indent: "")
        #expect(lines == ["sum(rate(x[5m]))", "           ^~"])
        let multiline = CaretRenderer.render("sum(\n  rate(x[5m])\n)", range: 9..<10, indent: "")
        #expect(multiline == ["  rate(x[5m])", "    ^"])
    }

    @Test("text output names file, dashboard, panel, target and position, then shows the expression with a caret")
    func text() throws {
        let report = try Fixture.lint("rules/rate-interval.hit.json")
        let text = TextReporter(usesColor: false).lint([report])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "rules/rate-interval.hit.json: dashboard \"rate-interval hit\"")
        let index = try #require(lines.firstIndex { $0.contains("panel \"fixed five minutes\"") })
        #expect(lines[index].hasPrefix("  warning rate-interval: panel \"fixed five minutes\", target A, line "))
        #expect(lines[index + 1] == "      rate(http_requests_total[5m])")
        #expect(lines[index + 2] == "                               ^~")
        #expect(lines[index + 3] == "    rate() over a fixed range [5m]; use [$__rate_interval]")
        #expect(lines[index + 4].hasPrefix("    hint: Write [$__rate_interval]"))
        #expect(lines.last(where: { !$0.isEmpty }) == "1 file checked: 0 errors, 5 warnings")
        #expect(!text.contains("\u{1B}["))
        #expect(TextReporter(usesColor: true).lint([report]).contains("\u{1B}[33mwarning\u{1B}[0m"))
    }

    @Test("the position is the file's line and column of the offending character, through escapes and variables")
    func filePositions() throws {
        let json = Fixture.dashboard(
            [#"sum(rate(http_requests_total{job="$job"}[5m]))"#],
            extra: #""templating": {"list": [{"name": "job", "type": "custom", "current": {"value": "application"}}]}"#
        )
        let report = try Fixture.lint(json: json)
        let finding = try #require(report.findings.first)
        #expect(finding.rule == "rate-interval")
        let position = try #require(finding.position)
        let line = json.split(separator: "\n", omittingEmptySubsequences: false)[position.line - 1]
        let characters = Array(line)
        #expect(String(characters[(position.column - 1)..<(position.column + 1)]) == "5m")
        let expression = try #require(finding.expression)
        let start = try #require(expression.utf8.firstIndex(of: UInt8(ascii: "5")))
        let offset = expression.utf8.distance(from: expression.utf8.startIndex, to: start)
        #expect(finding.expressionRange == offset..<(offset + 2))
    }

    @Test("JSON output is one document with files, findings and a summary")
    func json() throws {
        let reports = [
            try Fixture.lint("rules/histogram-quantile-le.hit.json"),
            try Fixture.lint("rules/histogram-quantile-le.clean.json"),
        ]
        let document = try JSONReader.parse(JSONReporter.lint(reports))
        let files = try #require(document["files"]?.array)
        #expect(files.map { $0["dashboard"]?.string } == ["histogram-quantile-le hit", "histogram-quantile-le clean"])
        let first = try #require(files.first?["findings"]?.array?.first)
        for key in ["rule", "severity", "panel", "target", "expr", "message", "line", "column"] {
            #expect(first[key] != nil, "missing \(key)")
        }
        #expect(first["rule"]?.string == "histogram-quantile-le")
        #expect(first["severity"]?.string == "error")
        #expect(document["summary"]?["files"]?.number == 2)
        #expect(document["summary"]?["errors"]?.number == 7)
        #expect(document["summary"]?["warnings"]?.number == 0)
    }

    @Test("JUnit output has a failing test case per file with findings at the threshold")
    func junit() throws {
        let reports = [
            try Fixture.lint("rules/rate-interval.hit.json"), try Fixture.lint("rules/rate-interval.clean.json"),
        ]
        let atError = JUnitReporter.lint(reports, threshold: .error)
        #expect(atError.contains("<testsuites tests=\"2\" failures=\"0\" errors=\"0\">"))
        #expect(atError.contains("<system-out>"))
        let atWarning = JUnitReporter.lint(reports, threshold: .warning)
        #expect(atWarning.contains("failures=\"1\""))
        #expect(
            atWarning.contains(
                "<failure type=\"rate-interval\" message=\"5 findings: rate-interval: rate() over a fixed range [5m]"
            )
        )
    }

    @Test("JUnit output escapes markup even when a combining mark follows it")
    func junitEscapesScalars() throws {
        // "<" + U+0338 is one Character ("≮"); it must still be written as &lt; followed by the mark.
        let json = Fixture.dashboard(["rate(x[5m])"]).replacingOccurrences(of: "\"Inline\"", with: "\"a<\u{338}b\"")
        let report = try Fixture.lint(json: json)
        let output = JUnitReporter.lint([report], threshold: .warning)
        #expect(output.contains("a&lt;\u{338}b"), "\(output)")
        #expect(!output.contains("a<\u{338}b"))
    }
}
