import Foundation
import LoadGenerator
import TestSupport
import Testing

/// The stack without Docker: the same processes `docker compose up` runs, on loopback.
///
/// redis-server, `instrumented-app`, `workshop-app` (built around the reference answers, with
/// `WORKSHOP_TARGET=solutions`, and answering a fifth of its item requests with a 500 through
/// `FAULT_ERROR_RATIO`) and Debian's Prometheus (with the workshop's jobs, the reference rules and the
/// student's rules, here `Solutions/rules`, targets pointed at loopback, scraping and evaluating every
/// second) run on free ports; `loadgen` sends 15 s of the workshop's traffic to each app; then every
/// recording rule must produce series for both apps, the student's alert must be loaded and pending or
/// firing, and `dashboard-check lint` in live mode must find every query of the reference dashboard and
/// of the student's solution dashboard answered with data.
@Suite("The stack end to end: Redis, both apps, Prometheus, loadgen, dashboard-check")
struct EndToEndTests {
    /// Seconds of load, as the stack issue asks.
    static let loadSeconds = 15
    /// The fraction of `workshop-app`'s item requests answered 500, far above the alert's 5%.
    static let faultErrorRatio = "0.2"
    /// The student's rule folder and dashboard, as the reference answers them.
    static let studentRules = "Solutions/rules"
    static let studentDashboard = "Solutions/dashboards/workshop.json"

    @Test(
        "after 15 s of loadgen every dashboard query returns data, every recording rule has series and the student's alert is pending"
    )
    func wholeStack() async throws {
        let redis = try await RedisServer.start(reusingEnvironment: false)
        defer { redis.shutdown() }
        let redisEnvironment = ["REDIS_HOST": redis.host, "REDIS_PORT": "\(redis.port)", "LOG_LEVEL": "warning"]

        let appPort = try FreePort.next()
        let app = try await ManagedProcess.start(
            executable: try Repository.builtExecutable("instrumented-app"),
            arguments: [],
            environment: redisEnvironment.merging(["HTTP_HOST": "127.0.0.1", "HTTP_PORT": "\(appPort)"]) { $1 },
            waitingForPort: appPort
        )
        defer { app.stop() }
        let appURL = "http://127.0.0.1:\(appPort)"

        let studentPort = try FreePort.next()
        let studentApp = try await ManagedProcess.start(
            executable: try Repository.builtExecutable("workshop-app"),
            arguments: [],
            environment: redisEnvironment.merging([
                "HTTP_HOST": "127.0.0.1", "HTTP_PORT": "\(studentPort)", "WORKSHOP_TARGET": "solutions",
                "FAULT_ERROR_RATIO": Self.faultErrorRatio,
            ]) { $1 },
            waitingForPort: studentPort
        )
        defer { studentApp.stop() }
        let studentURL = "http://127.0.0.1:\(studentPort)"

        let configFolder = FileManager.default.temporaryDirectory
            .appendingPathComponent("infraobs-e2e-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: configFolder) }
        let jobs = try LoopbackPrometheusConfig.write(
            to: configFolder,
            targets: ["instrumented-app": "127.0.0.1:\(appPort)", "workshop-app": "127.0.0.1:\(studentPort)"],
            unreachable: "127.0.0.1:\(try FreePort.next())",
            studentRules: Self.studentRules
        )
        #expect(jobs.contains("instrumented-app"), "configs/prometheus/prometheus.yml has no instrumented-app job")
        #expect(jobs.contains("workshop-app"), "configs/prometheus/prometheus.yml has no workshop-app job")
        let prometheus = try await PrometheusServer.start(
            configFile: configFolder.appendingPathComponent("prometheus.yml")
        )
        defer { prometheus.stop() }

        async let referenceLoad = Self.load(appURL, rate: 50)
        async let studentLoad = Self.load(studentURL, rate: 30)
        let (reference, student) = try await (referenceLoad, studentLoad)
        #expect(reference.completed > Self.loadSeconds * 40, "loadgen got only \(reference.completed) answers")
        #expect(
            reference.errors == 0,
            "loadgen saw 5xx or dropped connections: \(reference.statusCounts) \(reference.transportErrors)"
        )
        #expect(student.completed > Self.loadSeconds * 20, "loadgen got only \(student.completed) answers")
        #expect(
            (student.statusCounts["500"] ?? 0) > 0,
            "FAULT_ERROR_RATIO=\(Self.faultErrorRatio) gave no 500: \(student.statusCounts)"
        )

        // Bounded wait for the last scrape and rule evaluation after the load.
        let ruleNames = try LoopbackPrometheusConfig.recordingRuleNames(studentRules: Self.studentRules)
        #expect(ruleNames.count >= 4, "the rule files record too few series: \(ruleNames)")
        let expected = ruleNames.flatMap { rule in
            ["instrumented-app", "workshop-app"].map { "\(rule){job=\"\($0)\"}" }
        }
        var missing = expected
        for _ in 0..<60 where !missing.isEmpty {
            var stillMissing: [String] = []
            for series in missing {
                if try await prometheus.samples(series).isEmpty { stillMissing.append(series) }
            }
            missing = stillMissing
            if !missing.isEmpty { try await Task.sleep(nanoseconds: 500_000_000) }
        }
        #expect(missing.isEmpty, "these recording rules produced no series after the load: \(missing)")

        // The student's alert: loaded beside the reference rules, evaluated without error, and
        // pending (its `for: 5m` keeps it from firing within the test) since a fifth of the item
        // requests fail.
        let alertNames = try LoopbackPrometheusConfig.alertNames(in: Self.studentRules)
        #expect(!alertNames.isEmpty, "\(Self.studentRules) has no alerting rule")
        var rules: [String: String] = [:]
        var states: [String: String] = [:]
        for _ in 0..<60 {
            rules = try await Self.ruleHealth(prometheus)
            states = try await Self.alertStates(prometheus)
            let ready = alertNames.allSatisfy { name in
                rules[name] == "ok" && ["pending", "firing"].contains(states[name] ?? "")
            }
            if ready { break }
            try await Task.sleep(nanoseconds: 500_000_000)
        }
        for name in alertNames {
            #expect(rules[name] == "ok", "alert \(name) in /api/v1/rules: health \(rules[name] ?? "absent")")
            #expect(
                ["pending", "firing"].contains(states[name] ?? ""),
                "alert \(name) in /api/v1/alerts: \(states[name] ?? "absent") while \(Self.faultErrorRatio) of the items fail"
            )
        }

        // The reference dashboard against the reference app, and the student's solution dashboard
        // against workshop-app, as a student lints theirs.
        for (dashboard, metricsURL) in [
            ("configs/grafana/dashboards/workshop.json", "\(appURL)/metrics"),
            (Self.studentDashboard, "\(studentURL)/metrics"),
        ] {
            try await Self.expectCleanLiveLint(dashboard, prometheus: prometheus, metrics: metricsURL)
        }
    }

    /// Runs `loadgen` against `url` for `loadSeconds` and returns its report.
    static func load(_ url: String, rate: Int) async throws -> LoadReport {
        let run = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("loadgen"),
            arguments: ["--url", url, "--duration", "\(loadSeconds)s", "--rate", "\(rate)", "--format", "json"],
            timeout: TimeInterval(loadSeconds + 60)
        )
        #expect(run.status == 0, "loadgen --url \(url) failed: \(run.output.suffix(2000))")
        return try JSONDecoder().decode(LoadReport.self, from: Data(jsonObject(in: run.output).utf8))
    }

    /// `dashboard-check lint --prometheus --metrics` on `dashboard` must report nothing.
    static func expectCleanLiveLint(_ dashboard: String, prometheus: PrometheusServer, metrics: String) async throws {
        let lint = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("dashboard-check"),
            arguments: [
                "lint", "--format", "json", "--severity", "warning",
                "--prometheus", prometheus.baseURL.absoluteString, "--metrics", metrics,
                Repository.path(dashboard).path,
            ],
            timeout: 120
        )
        #expect(
            lint.status == 0,
            "\(dashboard): dashboard-check found problems in live mode:\n\(lint.output.suffix(4000))"
        )
        let document = try JSONSerialization.jsonObject(with: Data(jsonObject(in: lint.output).utf8))
        let summary = (document as? [String: Any])?["summary"] as? [String: Any]
        #expect(summary?["files"] as? Int == 1, "\(dashboard): \(lint.output.suffix(2000))")
        #expect(summary?["errors"] as? Int == 0, "\(dashboard): \(lint.output.suffix(4000))")
        #expect(summary?["warnings"] as? Int == 0, "\(dashboard): \(lint.output.suffix(4000))")
    }

    /// The `health` of every alerting rule in `/api/v1/rules`, by alert name.
    static func ruleHealth(_ prometheus: PrometheusServer) async throws -> [String: String] {
        let data = try await apiData(prometheus, "/api/v1/rules?type=alert")
        var health: [String: String] = [:]
        for group in data["groups"] as? [[String: Any]] ?? [] {
            for rule in group["rules"] as? [[String: Any]] ?? [] {
                if let name = rule["name"] as? String { health[name] = rule["health"] as? String }
            }
        }
        return health
    }

    /// The state of every active alert in `/api/v1/alerts` (`pending` or `firing`), by alert name;
    /// `firing` wins when one name has several.
    static func alertStates(_ prometheus: PrometheusServer) async throws -> [String: String] {
        let data = try await apiData(prometheus, "/api/v1/alerts")
        var states: [String: String] = [:]
        for alert in data["alerts"] as? [[String: Any]] ?? [] {
            guard let name = (alert["labels"] as? [String: String])?["alertname"],
                let state = alert["state"] as? String
            else { continue }
            if states[name] != "firing" { states[name] = state }
        }
        return states
    }

    /// The `data` object of a successful Prometheus API answer to `path`.
    static func apiData(_ prometheus: PrometheusServer, _ path: String) async throws -> [String: Any] {
        let (status, body) = try await prometheus.get(path)
        let document = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        guard status == 200, document?["status"] as? String == "success",
            let data = document?["data"] as? [String: Any]
        else {
            throw TestSupportError(
                "prometheus answered \(path) with \(status): \(String(decoding: body, as: UTF8.self).prefix(500))"
            )
        }
        return data
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
