import Foundation
import LoadGenerator
import TestSupport
import Testing

/// The stack without Docker: the same processes `docker compose up` runs, on loopback.
///
/// redis-server, `instrumented-app` and Debian's Prometheus (with the workshop's jobs and rules,
/// targets pointed at loopback, scraping and evaluating every second) run on free ports; `loadgen`
/// sends 15 s of the workshop's traffic; then `dashboard-check lint` in live mode must find every
/// query of the workshop dashboard answered with data, and every recording rule must produce series.
@Suite("The stack end to end: Redis, instrumented-app, Prometheus, loadgen, dashboard-check")
struct EndToEndTests {
    /// Seconds of load, as the stack issue asks.
    static let loadSeconds = 15

    @Test("after 15 s of loadgen every dashboard query returns data and every recording rule has series")
    func wholeStack() async throws {
        let redis = try await RedisServer.start(reusingEnvironment: false)
        defer { redis.shutdown() }

        let appPort = try FreePort.next()
        let app = try await ManagedProcess.start(
            executable: try Repository.builtExecutable("instrumented-app"),
            arguments: [],
            environment: [
                "HTTP_HOST": "127.0.0.1", "HTTP_PORT": "\(appPort)",
                "REDIS_HOST": redis.host, "REDIS_PORT": "\(redis.port)", "LOG_LEVEL": "warning",
            ],
            waitingForPort: appPort
        )
        defer { app.stop() }
        let appURL = "http://127.0.0.1:\(appPort)"

        let configFolder = FileManager.default.temporaryDirectory
            .appendingPathComponent("infraobs-e2e-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: configFolder) }
        let jobs = try LoopbackPrometheusConfig.write(
            to: configFolder,
            targets: ["instrumented-app": "127.0.0.1:\(appPort)"],
            unreachable: "127.0.0.1:\(try FreePort.next())"
        )
        #expect(jobs.contains("instrumented-app"), "configs/prometheus/prometheus.yml has no instrumented-app job")
        let prometheus = try await PrometheusServer.start(
            configFile: configFolder.appendingPathComponent("prometheus.yml")
        )
        defer { prometheus.stop() }

        let loadgen = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("loadgen"),
            arguments: [
                "--url", appURL, "--duration", "\(Self.loadSeconds)s", "--rate", "50", "--format", "json",
            ],
            timeout: TimeInterval(Self.loadSeconds + 60)
        )
        #expect(loadgen.status == 0, "loadgen failed: \(loadgen.output.suffix(2000))")
        let report = try JSONDecoder().decode(LoadReport.self, from: Data(Self.jsonObject(in: loadgen.output).utf8))
        #expect(report.completed > Self.loadSeconds * 40, "loadgen got only \(report.completed) answers")
        #expect(
            report.errors == 0,
            "loadgen saw 5xx or dropped connections: \(report.statusCounts) \(report.transportErrors)"
        )

        // Bounded wait for the last scrape and rule evaluation after the load.
        let ruleNames = try LoopbackPrometheusConfig.recordingRuleNames()
        #expect(ruleNames.count >= 4, "the rule files record too few series: \(ruleNames)")
        var missing = ruleNames
        for _ in 0..<60 where !missing.isEmpty {
            var stillMissing: [String] = []
            for rule in missing {
                if try await prometheus.samples("\(rule){job=\"instrumented-app\"}").isEmpty {
                    stillMissing.append(rule)
                }
            }
            missing = stillMissing
            if !missing.isEmpty { try await Task.sleep(nanoseconds: 500_000_000) }
        }
        #expect(missing.isEmpty, "these recording rules produced no series after the load: \(missing)")

        let lint = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("dashboard-check"),
            arguments: [
                "lint", "--format", "json", "--severity", "warning",
                "--prometheus", prometheus.baseURL.absoluteString,
                "--metrics", "\(appURL)/metrics",
                Repository.path("configs/grafana/dashboards/workshop.json").path,
            ],
            timeout: 120
        )
        #expect(lint.status == 0, "dashboard-check found problems in live mode:\n\(lint.output.suffix(4000))")
        let document = try JSONSerialization.jsonObject(with: Data(Self.jsonObject(in: lint.output).utf8))
        let summary = (document as? [String: Any])?["summary"] as? [String: Any]
        #expect(summary?["files"] as? Int == 1, "\(lint.output.suffix(2000))")
        #expect(summary?["errors"] as? Int == 0, "\(lint.output.suffix(4000))")
        #expect(summary?["warnings"] as? Int == 0, "\(lint.output.suffix(4000))")
    }

    /// The JSON document in a process's output (everything from the first `{` to the last `}`),
    /// since the output also carries whatever the process wrote to standard error.
    static func jsonObject(in output: String) throws -> String {
        guard let start = output.firstIndex(of: "{"), let end = output.lastIndex(of: "}") else {
            throw TestSupportError("no JSON document in: \(output.suffix(2000))")
        }
        return String(output[start...end])
    }
}
