import DashboardCheck
import Foundation
import TestSupport
import Testing

/// Live mode against a real Prometheus (Debian's `prometheus`) that scrapes a real target: itself.
@Suite("Live mode against a real Prometheus")
struct LiveModeTests {
    @Test("queries run at now: data passes, an empty result is no-data, a failing query is query-error")
    func liveFindings() async throws {
        let server = try await PrometheusServer.start(extraArguments: ["--web.enable-lifecycle"])
        defer { server.stop() }
        let configuration = """
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: self
                static_configs:
                  - targets: ["127.0.0.1:\(server.port)"]

            """
        try configuration.write(to: server.configFile, atomically: true, encoding: .utf8)
        let reload = try await server.post("/-/reload", form: [])
        #expect(reload.status == 200)
        // Wait (bounded) for the first scrape of itself.
        var scraped = false
        for _ in 0..<150 where !scraped {
            let answer = try await server.query("up{job=\"self\"}")
            scraped = answer.resultJSON.map { $0 != "[]" } ?? false
            if !scraped { try await Task.sleep(nanoseconds: 200_000_000) }
        }
        try #require(scraped, "Prometheus did not scrape itself within 30 s: \(server.process.log().suffix(1000))")

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dc-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let dashboard = directory.appendingPathComponent("live.json")
        let json = Fixture.dashboard([
            "up{job=\"self\"}", "workshop_metric_that_does_not_exist", "count_values(\"not a label\", up)",
        ])
        try Data(json.utf8).write(to: dashboard)

        let result = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: [
                "lint", "--format", "json", "--prometheus", server.baseURL.absoluteString, dashboard.path,
            ]
        )
        #expect(result.status == 1, "\(result.standardError)")
        let document = try JSONReader.parse(result.standardOutput)
        let findings = try #require(document["files"]?.array?.first?["findings"]?.array)
        let seen = findings.map { "\($0["target"]?.string ?? "-") \($0["rule"]?.string ?? "-")" }.sorted()
        #expect(seen == ["B no-data", "B unknown-metric", "C query-error"])
        let queryError = try #require(findings.first { $0["rule"]?.string == "query-error" })
        #expect(queryError["message"]?.string?.contains("not a label") == true)

        // The metadata API types the raw reads: a counter and a summary's _count are errors with
        // --prometheus; offline the _total is only a warning and the lone _count no finding.
        let raw = directory.appendingPathComponent("raw.json")
        try Data(Fixture.dashboard(["prometheus_http_requests_total", "go_gc_duration_seconds_count"]).utf8)
            .write(to: raw)
        let live = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: [
                "lint", "--format", "json", "--prometheus", server.baseURL.absoluteString, raw.path,
            ]
        )
        let liveFindings = try #require(
            try JSONReader.parse(live.standardOutput)["files"]?.array?.first?["findings"]?.array
        ).filter { $0["rule"]?.string == "counter-without-rate" }
        #expect(liveFindings.map { $0["target"]?.string ?? "-" } == ["A", "B"], "\(live.standardOutput)")
        for finding in liveFindings {
            #expect(finding["severity"]?.string == "error")
            #expect(finding["message"]?.string?.contains("the metadata of --prometheus") == true)
        }
        let offline = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: ["lint", "--format", "json", raw.path]
        )
        let offlineFindings = try #require(
            try JSONReader.parse(offline.standardOutput)["files"]?.array?.first?["findings"]?.array
        )
        #expect(offlineFindings.map { $0["severity"]?.string ?? "-" } == ["warning"], "\(offline.standardOutput)")
    }

    @Test("--metrics reads the exposition from a URL: a real /metrics page tells which metrics exist")
    func metricsFromURL() async throws {
        let server = try await PrometheusServer.start()
        defer { server.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dc-url-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let dashboard = directory.appendingPathComponent("self.json")
        let json = Fixture.dashboard([
            "sum by (handler) (rate(prometheus_http_requests_total[$__rate_interval]))",
            "rate(prometheus_http_request_total[$__rate_interval])",
            "rate(go_goroutines[$__rate_interval])",
        ])
        try Data(json.utf8).write(to: dashboard)
        let result = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: [
                "lint", "--format", "json", "--metrics",
                server.baseURL.appendingPathComponent("metrics").absoluteString,
                dashboard.path,
            ]
        )
        #expect(result.status == 1, "\(result.standardError)")
        let document = try JSONReader.parse(result.standardOutput)
        let findings = try #require(document["files"]?.array?.first?["findings"]?.array)
        let seen = findings.map { "\($0["target"]?.string ?? "-") \($0["rule"]?.string ?? "-")" }
        #expect(seen == ["B unknown-metric", "C rate-on-non-counter"])
        #expect(findings.first?["message"]?.string?.contains("did you mean prometheus_http_requests_total?") == true)
    }

    @Test("an unreachable Prometheus is unusable input: exit 2 naming the URL")
    func unreachable() async throws {
        let port = try FreePort.next()
        let result = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: [
                "lint", "--prometheus", "http://127.0.0.1:\(port)", try Fixture.path("shapes/rows.json"),
            ]
        )
        #expect(result.status == 2)
        #expect(result.standardError.contains("127.0.0.1:\(port)"))
    }
}
