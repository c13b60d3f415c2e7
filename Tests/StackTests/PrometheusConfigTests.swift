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

    @Test("promtool accepts prometheus.yml and finds the two reference rule files and the student's")
    func configIsValid() async throws {
        let run = try await promtool(["check", "config", "configs/prometheus/prometheus.yml"])
        #expect(run.status == 0, "\(run.standardOutput)\(run.standardError)")
        #expect(run.standardOutput.contains("3 rule files found"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("Checking Exercises/rules/alerts.yml"), "\(run.standardOutput)")
    }

    @Test("the student's alert selects workshop-app and does not take a reference alert's name")
    func studentAlertNames() throws {
        let reference = try LoopbackPrometheusConfig.alertNames(in: "configs/prometheus/rules")
        #expect(reference.contains("HighErrorRatio"))
        for folder in ["Exercises/rules", "Solutions/rules"] {
            let names = try LoopbackPrometheusConfig.alertNames(in: folder)
            #expect(!names.isEmpty, "\(folder) has no alert")
            #expect(Set(names).isDisjoint(with: reference), "\(folder): \(names) collide with \(reference) in /alerts")
            let text = try Repository.text(folder + "/alerts.yml")
            #expect(text.contains(#"http_requests_total{job="workshop-app""#), "\(folder)/alerts.yml")
        }
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

    @Test(
        "both apps are scraped every 5 s under their own job names, the reference app's three instances too, workshop-app on 9001"
    )
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
        #expect(targets["workshop-app"] == ["workshop-app:9001"])
    }
}
