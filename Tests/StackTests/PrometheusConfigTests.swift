import Foundation
import TestSupport
import Testing

@Suite("Prometheus configuration")
struct PrometheusConfigTests {
    private func promtool(_ arguments: [String]) async throws -> ProcessOutcome {
        try await ManagedProcess.capture(
            executable: ManagedProcess.locate("promtool", debianPackage: "prometheus"),
            arguments: arguments
        )
    }

    @Test("promtool accepts prometheus.yml and finds both rule files")
    func configIsValid() async throws {
        let run = try await promtool(["check", "config", "configs/prometheus/prometheus.yml"])
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        #expect(run.standardOutput.contains("2 rule files found"), "\(run.standardOutput)")
    }

    @Test("promtool accepts every rule file")
    func rulesAreValid() async throws {
        let folder = Repository.path("configs/prometheus/rules")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".yml") }.sorted()
        #expect(files == ["alerts.yml", "red.yml"])
        let run = try await promtool(["check", "rules"] + files.map { "configs/prometheus/rules/\($0)" })
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
    }

    @Test("the recording rules compute rate, error ratio and p95, and the alerts fire when they should")
    func ruleUnitTests() async throws {
        let run = try await promtool(["test", "rules", "configs/prometheus/tests/rules_test.yml"])
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        #expect(run.standardOutput.contains("SUCCESS"))
    }

    @Test("both apps are scraped every 5 s under their own job names, the reference app's three instances too")
    func scrapeJobs() async throws {
        let text = try Repository.text("configs/prometheus/prometheus.yml")
        #expect(text.contains("scrape_interval: 5s"))
        #expect(text.contains("- job_name: instrumented-app"))
        #expect(text.contains("- job_name: workshop-app"))
        #expect(
            text.contains(#"targets: ["instrumented-app:9000", "instrumented-app-2:9000", "instrumented-app-3:9000"]"#)
        )
        #expect(text.contains(#"targets: ["workshop-app:9000"]"#))
    }
}
