import AppMetrics
import Exposition
import Foundation
import Hummingbird
import TestSupport
import Testing

@Suite("The exposition against promtool and a real Prometheus")
struct RealToolsTests {
    static func routes(_ router: Router<BasicRequestContext>) {
        router.get("/items/{key}") { _, context -> String in
            let key = try context.parameters.require("key")
            if key.hasPrefix("missing") { throw HTTPError(.notFound, message: "item '\(key)' not found") }
            try await Task.sleep(for: .milliseconds(Int.random(in: 1...20)))
            return key
        }
    }

    /// Runs `promtool check metrics` on `exposition` and returns its exit status and output.
    static func promtoolCheck(_ exposition: String) async throws -> (status: Int32, output: String) {
        let promtool = try ManagedProcess.locate("promtool", debianPackage: "prometheus")
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("infraobs-scrape-\(UUID().uuidString.prefix(8)).prom")
        try exposition.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await ManagedProcess.run(
            executable: "/bin/sh",
            arguments: ["-c", #""$0" check metrics < "$1""#, promtool, file.path]
        )
    }

    /// The one finding promtool 2.42 makes on the workshop's exposition: its linter rejects a type name inside a
    /// metric name, and `http_request_duration_summary_seconds` is a name the workshop fixes.
    static let fixedNameFinding =
        "http_request_duration_summary_seconds metric name should not include type 'summary'"

    @Test("promtool check metrics finds nothing on a scrape after traffic but the lint on the fixed summary name")
    func promtoolFindsNothing() async throws {
        let metered = try MeteredRouter(addRoutes: Self.routes)
        try await metered.application.withLoopbackServer { client in
            for index in 0..<20 {
                try await client.execute(uri: "/items/key-\(index)", method: .get) { _ in }
                try await client.execute(uri: "/items/missing-\(index)", method: .get) { _ in }
            }
            try await client.execute(uri: "/nowhere", method: .get) { _ in }
            let body = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
            let (status, output) = try await Self.promtoolCheck(body)
            let findings = output.split(separator: "\n").map { String($0) }.filter { !$0.isEmpty }
            #expect(findings == [Self.fixedNameFinding], "promtool: \(output)")
            // Exit status 3 is promtool's "lint problems found"; a parse error would be 1.
            #expect(status == 3, "promtool: \(output)")
            let withoutSummary = try await Self.promtoolCheck(
                Self.dropping("http_request_duration_summary_seconds", from: body)
            )
            #expect(withoutSummary.status == 0, "promtool: \(withoutSummary.output)")
            #expect(withoutSummary.output.isEmpty, "promtool: \(withoutSummary.output)")
        }
    }

    /// `exposition` without the lines of the family `name`.
    static func dropping(_ name: String, from exposition: String) -> String {
        exposition.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in
                !(line.hasPrefix(name) || line.hasPrefix("# HELP \(name) ") || line.hasPrefix("# TYPE \(name) "))
            }
            .joined(separator: "\n")
    }

    @Test("promtool reports a malformed exposition, so the check above can fail")
    func promtoolCatchesProblems() async throws {
        let (status, output) = try await Self.promtoolCheck("# TYPE requests counter\nrequests 1\n")
        #expect(status != 0 || !output.isEmpty)
    }

    /// The workshop's three queries over an app's metrics.
    static let workshopQueries = [
        "rate(http_requests_total[10s])",
        "histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket[10s])))",
        #"http_request_duration_summary_seconds{quantile="0.95"}"#,
    ]

    /// Starts a Prometheus that scrapes 127.0.0.1:`port` every second, runs `traffic` in rounds for at most
    /// 40 s, and returns the values each of ``workshopQueries`` answered once all had finite values.
    static func scrapeAndQuery(
        port: Int,
        traffic: (Int) async throws -> Void
    ) async throws -> [String: [Double]] {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("infraobs-scrape-config-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("prometheus.yml")
        try """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: app
            static_configs:
              - targets: ["127.0.0.1:\(port)"]

        """.write(to: config, atomically: true, encoding: .utf8)
        let prometheus = try await PrometheusServer.start(configFile: config)
        defer { prometheus.stop() }

        var answers: [String: [Double]] = [:]
        let deadline = Date().addingTimeInterval(40)
        var round = 0
        while Date() < deadline {
            round += 1
            try await traffic(round)
            try await Task.sleep(for: .milliseconds(250))
            for query in workshopQueries where answers[query] == nil {
                let response = try await prometheus.query(query)
                #expect(response.isSuccess, "\(query): \(response.body)")
                let values = values(in: response)
                if !values.isEmpty, values.allSatisfy(\.isFinite) { answers[query] = values }
            }
            if answers.count == workshopQueries.count { break }
        }
        for query in workshopQueries where answers[query] == nil {
            Issue.record("\(query) returned no finite value within 40 s")
        }
        return answers
    }

    @Test("a Prometheus scraping every second answers rate, histogram_quantile and the summary quantile")
    func prometheusQueries() async throws {
        let metered = try MeteredRouter(addRoutes: Self.routes)
        try await metered.application.withLoopbackServer { client in
            let port = client.port
            let answers = try await Self.scrapeAndQuery(port: port) { round in
                for index in 0..<10 {
                    try await client.execute(uri: "/items/r\(round)-\(index)", method: .get) { _ in }
                }
            }
            let rates = try #require(answers[Self.workshopQueries[0]])
            #expect(rates.allSatisfy { $0 >= 0 } && rates.contains { $0 > 0 }, "rates: \(rates)")
            let p95 = try #require(answers[Self.workshopQueries[1]]?.first)
            // Requests sleep 1 to 20 ms: a p95 of a second or more would mean milliseconds recorded as seconds;
            // the upper bound leaves room for a loaded machine.
            #expect(p95 > 0.001 && p95 < 1, "requests take 1 to 20 ms; the histogram's p95 was \(p95)")
            let summaryP95 = try #require(answers[Self.workshopQueries[2]]?.max())
            #expect(summaryP95 > 0.001 && summaryP95 < 1, "the summary's p95 was \(summaryP95)")
        }
    }

    /// The sample values of an instant-vector answer.
    static func values(in response: PrometheusAPIResponse) -> [Double] {
        guard let json = response.resultJSON, let data = json.data(using: .utf8),
            let result = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return result.compactMap { element in
            guard let pair = element["value"] as? [Any], pair.count == 2, let text = pair[1] as? String else {
                return nil
            }
            return Double(text)
        }
    }
}
