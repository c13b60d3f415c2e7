import Foundation
import Testing

@Suite("dashboard-check on the stack's dashboards")
struct DashboardLintTests {
    @Test("every dashboard in configs/ lints clean, warnings included")
    func configsLintClean() async throws {
        let checker = try Repository.builtExecutable("dashboard-check")
        let run = try await ToolRun.run(
            checker,
            ["lint", "--severity", "warning", "--format", "json", "configs/grafana/dashboards"]
        )
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        let report = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any]
        let summary = try #require(report?["summary"] as? [String: Any], "\(run.standardOutput)")
        #expect(summary["files"] as? Int == 1)
        #expect(summary["errors"] as? Int == 0)
        #expect(summary["warnings"] as? Int == 0)
    }
}
