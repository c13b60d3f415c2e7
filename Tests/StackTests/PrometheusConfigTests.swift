import Foundation
import TestSupport
import Testing
import Yams

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
        let root = try YAMLDocument.load("configs/prometheus/prometheus.yml")
        #expect(root["global"]?["scrape_interval"]?.string == "5s")
        var targets: [String: [String]] = [:]
        for job in root["scrape_configs"]?.sequence ?? [] {
            // A job's own interval would override the global one.
            #expect(job["scrape_interval"] == nil, "\(job["job_name"]?.string ?? "a job") sets its own interval")
            guard let name = job["job_name"]?.string else { continue }
            targets[name] = (job["static_configs"]?.sequence ?? []).flatMap { config in
                (config["targets"]?.sequence ?? []).compactMap(\.string)
            }
        }
        #expect(
            targets["instrumented-app"] == [
                "instrumented-app:9000", "instrumented-app-2:9000", "instrumented-app-3:9000",
            ]
        )
        #expect(targets["workshop-app"] == ["workshop-app:9000"])
    }
}
