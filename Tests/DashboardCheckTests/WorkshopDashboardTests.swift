import DashboardCheck
import Foundation
import TestSupport
import Testing

/// The workshop's own dashboards must lint clean: an instructor's example that the checker
/// flags would teach the wrong lesson (or show a false alarm).
@Suite("The workshop's own dashboards")
struct WorkshopDashboardTests {
    @Test("every dashboard under configs/ and Solutions/ has no finding, warnings included")
    func workshopDashboardsAreClean() throws {
        let folders = ["configs", "Solutions"].map { Repository.path($0).path }
            .filter { FileManager.default.fileExists(atPath: $0) }
        let files = FileReading.dashboardFiles(in: folders).filter { file in
            // Only Grafana dashboards: other JSON files (requirements, settings) are not dashboards.
            guard let bytes = FileReading.bytes(atPath: file), let root = try? JSONReader.parse(bytes) else {
                return true
            }
            return (try? DashboardLoader.load(root)) != nil
        }
        try #require(
            !files.isEmpty,
            "no workshop dashboard found under configs/ or Solutions/ in \(Repository.root.path)"
        )
        let reports = CheckRun.lint(paths: files, linter: Linter(catalog: try Fixture.catalog()))
        for report in reports {
            let findings = report.findings.filter { $0.rule != "unknown-metric" && $0.rule != "unknown-label" }
            #expect(
                findings.isEmpty,
                "\(report.path): \(findings.map { "\($0.rule) \($0.panel ?? ""): \($0.message)" })"
            )
        }
        let lintedWithoutMetrics = CheckRun.lint(paths: files, linter: Linter())
        #expect(lintedWithoutMetrics.allSatisfy { $0.findings.isEmpty })
    }
}
