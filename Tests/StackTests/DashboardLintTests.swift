import Foundation
import TestSupport
import Testing

@Suite("dashboard-check on the stack's dashboards")
struct DashboardLintTests {
    /// The part of `dashboard-check lint --format json` these tests read.
    private struct LintReport: Decodable {
        struct Summary: Decodable {
            var files: Int
            var errors: Int
            var warnings: Int
        }
        var summary: Summary
    }

    @Test("every dashboard in configs/ lints clean, warnings included")
    func configsLintClean() async throws {
        let checker = try Repository.builtExecutable("dashboard-check")
        let run = try await ManagedProcess.capture(
            executable: checker,
            arguments: ["lint", "--severity", "warning", "--format", "json", "configs/grafana/dashboards"]
        )
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        let report = try JSONDecoder().decode(LintReport.self, from: Data(run.standardOutput.utf8))
        #expect(report.summary.files == 1)
        #expect(report.summary.errors == 0)
        #expect(report.summary.warnings == 0)
    }
}
