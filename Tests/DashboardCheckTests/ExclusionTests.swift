import DashboardCheck
import Testing

@Suite("Exclusions in .dashboard-check.json")
struct ExclusionTests {
    @Test("an excluded finding moves aside with its reason; the others stay")
    func excludedWithReason() throws {
        let reports = CheckRun.lint(paths: [try Fixture.path("exclusions")], linter: Linter())
        #expect(reports.count == 1)
        let report = try #require(reports.first)
        #expect(report.findings.map(\.panel) == ["Errors"])
        #expect(report.excluded.map(\.finding.panel) == ["Requests today"])
        #expect(report.excluded.first?.reason == "a stat over one day: [1d] is meant")
        let text = TextReporter(usesColor: false).lint(reports)
        #expect(text.contains("excluded rate-interval in panel \"Requests today\": a stat over one day: [1d] is meant"))
        let json = try JSONReader.parse(JSONReporter.lint(reports))
        let excluded = try #require(json["files"]?.array?.first?["excluded"]?.array?.first)
        #expect(excluded["reason"]?.string == "a stat over one day: [1d] is meant")
        #expect(excluded["rule"]?.string == "rate-interval")
    }

    @Test("an exclusion without a reason makes the run unusable, naming line and column")
    func exclusionNeedsReason() throws {
        let reports = CheckRun.lint(paths: [try Fixture.path("bad-exclusions")], linter: Linter())
        let bad = try #require(reports.first { $0.path.hasSuffix(".dashboard-check.json") })
        #expect(bad.findings.map(\.rule) == ["invalid-exclusions"])
        #expect(bad.findings.first?.position == TextPosition(line: 2, column: 3))
        #expect(CheckRun.exitCode(reports, threshold: .error) == 2)
    }

    @Test("an exclusion narrowed to another dashboard or panel silences nothing")
    func narrowExclusions() throws {
        let finding = Finding(rule: "rate-interval", severity: .warning, message: "m", hint: "h", panel: "P")
        let report = FileReport(path: "dir/students-1.json", dashboard: "Mine", findings: [finding])
        #expect(Exclusion(rule: "rate-interval", dashboard: "students-1", reason: "r").matches(finding, in: report))
        #expect(Exclusion(rule: "*", panel: "P", reason: "r").matches(finding, in: report))
        #expect(!Exclusion(rule: "rate-interval", dashboard: "Other", reason: "r").matches(finding, in: report))
        #expect(!Exclusion(rule: "rate-interval", panel: "Q", reason: "r").matches(finding, in: report))
        #expect(!Exclusion(rule: "counter-without-rate", reason: "r").matches(finding, in: report))
    }
}
