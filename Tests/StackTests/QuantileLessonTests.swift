import Foundation
import LoadGenerator
import TestSupport
import Testing

/// The workshop's metrics lesson, run for real: summary quantiles cannot be averaged across
/// instances, histogram buckets can be summed.
///
/// Redis, three `instrumented-app` processes (the first one delays 20% of its requests by 200 ms),
/// Debian's Prometheus scraping all three every second, and `loadgen` sending the same share of
/// requests to each. Then the figures a dashboard would show are read through Prometheus's API.
///
/// What the injected latency predicts (b is a request's base latency, about 1 ms here):
///
/// - Per instance, for `GET /items/{key}` (60% of the mix, the handler the averaged figure reads):
///   the slow instance has 20% of its requests at 200 ms + b, more than the 5% above a p95, so its
///   own p95 is 200 ms + b. The two others have no slow request: their p95 is about b.
/// - Averaged summary p95 = (200 ms + b + b + b) / 3 ≈ 67 ms + b. It can be no lower than 200/3 ms
///   (less 1% for the summary's sketch error), and it stays below 100 ms while b is under 11 ms.
/// - The true p95 of all the requests together: a third of the requests met the slow instance and
///   20% of those were slow, so 6.7% of all requests took 200 ms or more: more than 5%, so the pooled
///   p95 is itself a slow request, 200 ms + b. That is what `loadgen` measures (its own latencies
///   also include health checks, never delayed: 6.2% slow, still over 5%).
/// - `histogram_quantile` over the summed buckets only knows that the slow requests fell in the
///   (0.1, 0.25] bucket (every fast request is in a bucket at or below 0.1): the 95% rank falls
///   (0.95 - (1 - 0.067)) / 0.067 ≈ 25% of the way into that bucket, and linear interpolation gives
///   0.1 + 0.25 × 0.15 ≈ 0.14 s. It lands in the same bucket as loadgen's p95, which is all the
///   resolution buckets give: from 4,000 requests the slow share varies by about ±0.5 points between
///   runs, which moves the estimate between about 0.11 and 0.16 s, never out of the bucket.
///
/// So the lesson fails the test if the averaged p95 does not understate the real one (about a
/// third of it), or if the histogram estimate leaves the bucket holding the true p95.
@Suite("The quantile lesson with three instances and a real Prometheus")
struct QuantileLessonTests {
    /// How long loadgen sends requests, and how many per second (spread over three instances).
    static let loadSeconds = 25
    static let rate = 160
    /// The handler whose per-instance summaries are averaged.
    static let itemHandler = #"method="GET",handler="/items/{key}""#

    @Test("averaging three instances' p95 understates the real p95; summed histogram buckets find its bucket")
    func averagedSummaryVersusSummedHistogram() async throws {
        let app = try Repository.builtExecutable("instrumented-app")
        let loadgen = try Repository.builtExecutable("loadgen")
        try await RedisServer.with { redis in
            var instances: [ManagedProcess] = []
            defer { for instance in instances { instance.stop() } }
            var ports: [Int] = []
            for index in 0..<3 {
                let port = try FreePort.next()
                var environment = [
                    "HTTP_HOST": "127.0.0.1", "HTTP_PORT": String(port),
                    "REDIS_HOST": redis.host, "REDIS_PORT": String(redis.port), "LOG_LEVEL": "error",
                ]
                if index == 0 {
                    environment["FAULT_LATENCY_MS"] = "200"
                    environment["FAULT_LATENCY_RATIO"] = "0.2"
                }
                instances.append(
                    try await ManagedProcess.start(
                        executable: app,
                        arguments: [],
                        environment: environment,
                        waitingForPort: port
                    )
                )
                ports.append(port)
            }
            let slowInstance = "127.0.0.1:\(ports[0])"

            let configFolder = FileManager.default.temporaryDirectory
                .appendingPathComponent("infraobs-lesson-\(UUID().uuidString.prefix(12))")
            try FileManager.default.createDirectory(at: configFolder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: configFolder) }
            let configFile = configFolder.appendingPathComponent("prometheus.yml")
            let targets = ports.map { "\"127.0.0.1:\($0)\"" }.joined(separator: ", ")
            try """
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: lesson
                static_configs:
                  - targets: [\(targets)]

            """.write(to: configFile, atomically: true, encoding: .utf8)
            let prometheus = try await PrometheusServer.start(configFile: configFile)
            defer { prometheus.stop() }
            try await waitFor("Prometheus to scrape all three instances", prometheus) {
                try await prometheus.samples(#"up{job="lesson"} == 1"#).count == 3
            }

            let run = try await ManagedProcess.capture(
                executable: loadgen,
                arguments: ports.flatMap { ["--url", "http://127.0.0.1:\($0)"] } + [
                    "--duration", "\(Self.loadSeconds)s", "--rate", "\(Self.rate)", "--concurrency", "32",
                    "--seed", String(UInt64.random(in: 1...UInt64.max)), "--drain", "10s", "--format", "json",
                ]
            )
            #expect(run.status == 0, "\(run.standardError)")
            let report = try JSONDecoder().decode(LoadReport.self, from: Data(run.standardOutput.utf8))
            #expect(report.errors == 0, "\(report.statusCounts) \(report.transportErrors)")
            #expect(report.completed == Self.loadSeconds * Self.rate)
            // Round-robin: each instance got a third of the requests, give or take one.
            #expect(report.targets.count == 3)
            for target in report.targets {
                #expect(abs(target.sent - report.sent / 3) <= 1, "\(target.url): \(target.sent) of \(report.sent)")
            }

            // Wait for the scrape that saw the last answer: every request loadgen got an answer to is
            // counted, /metrics aside (Prometheus's own scrapes).
            let answered = #"sum(http_requests_total{job="lesson",handler!="/metrics"})"#
            try await waitFor("Prometheus to see all \(report.completed) requests", prometheus) {
                try await prometheus.value(answered) == Double(report.completed)
            }

            let perInstance = try await prometheus.samples(
                #"http_request_duration_summary_seconds{job="lesson",quantile="0.95",\#(Self.itemHandler)}"#
            )
            let averaged = try await prometheus.value(
                #"avg(http_request_duration_summary_seconds{job="lesson",quantile="0.95",\#(Self.itemHandler)})"#
            )
            let histogramItems = try await prometheus.value(
                #"histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="lesson","#
                    + #"\#(Self.itemHandler)}[1m])))"#
            )
            let histogramAll = try await prometheus.value(
                #"histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="lesson","#
                    + #"handler!="/metrics"}[1m])))"#
            )
            let measured = report.latency.p95
            print(
                "quantile lesson: GET /items/{key} p95 per instance "
                    + perInstance.map { "\($0.labels["instance"] ?? "?")=\(format($0.value))" }.sorted()
                    .joined(separator: " ")
                    + " (slow one: \(slowInstance)); averaged summary p95 \(format(averaged)); "
                    + "histogram_quantile p95 \(format(histogramItems)) (GET /items/{key}), "
                    + "\(format(histogramAll)) (every loadgen request); loadgen p95 \(format(measured)) "
                    + "over \(report.completed) requests; loadgen p95 per instance "
                    + report.targets.map { "\($0.url)=\(format($0.latency.p95))" }.joined(separator: " ")
            )

            if let file = ProcessInfo.processInfo.environment["QUANTILE_LESSON_FILE"] {
                // slides/scripts/refresh-quantile-lesson sets this: the slides show this run's figures.
                let ranked = perInstance.sorted { $0.value > $1.value }.map { format($0.value) }
                func row(_ name: String, _ value: String) -> String {
                    name + String(repeating: " ", count: max(1, 44 - name.count)) + value
                }
                let lines = [
                    "# Written by slides/scripts/refresh-quantile-lesson from one run of QuantileLessonTests:",
                    "# \(report.completed) requests over three instances, one with FAULT_LATENCY_MS=200",
                    "# FAULT_LATENCY_RATIO=0.2. Do not edit by hand.",
                    "# slide:quantile-lesson",
                    row("p95, slow instance (20% of requests +200 ms)", ranked.first ?? "?"),
                    row("p95, the two other instances", ranked.dropFirst().joined(separator: ", ")),
                    row("avg of the three summary p95s", format(averaged)),
                    row("histogram_quantile over summed buckets", format(histogramItems)),
                    row("p95 measured by loadgen itself", format(measured)),
                    "# end-slide",
                ]
                try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            }

            // Per instance: the slow one's p95 is a delayed request, the others' are not.
            #expect(perInstance.count == 3)
            for sample in perInstance {
                if sample.labels["instance"] == slowInstance {
                    #expect(sample.value >= 0.198, "the slow instance's own p95: \(sample.value)")
                } else {
                    #expect(sample.value < 0.1, "\(sample.labels["instance"] ?? "?")'s own p95: \(sample.value)")
                }
            }
            // The mistake: the average of the three p95s is about a third of the slow one's.
            #expect(averaged >= 0.2 / 3 * 0.99 && averaged < 0.1, "averaged summary p95 \(averaged)")
            // The truth: more than 5% of all requests were slow, so the real p95 is a slow request.
            #expect(measured >= 0.2, "loadgen's p95 \(measured)")
            #expect(averaged < measured / 2, "averaged \(averaged) vs loadgen's p95 \(measured)")
            // Summed buckets: the estimate falls in the bucket holding the true p95, (0.1, 0.25].
            let bucket = try #require(Self.bucket(containing: measured), "loadgen's p95 \(measured)")
            #expect(bucket == 0.1...0.25)
            for estimate in [histogramItems, histogramAll] {
                #expect(estimate > bucket.lowerBound && estimate <= bucket.upperBound, "histogram p95 \(estimate)")
                #expect(estimate > averaged, "histogram p95 \(estimate) vs averaged summary p95 \(averaged)")
            }
        }
    }

    /// The bucket bounds of `http_request_duration_seconds` (`MetricNames.httpDurationBuckets`).
    static let bucketBounds: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    /// The histogram bucket (lower bound excluded) a latency falls in, or nil above the last bound.
    static func bucket(containing seconds: Double) -> ClosedRange<Double>? {
        var lower = 0.0
        for upper in bucketBounds {
            if seconds <= upper { return lower...upper }
            lower = upper
        }
        return nil
    }

    /// Polls `condition` every 250 ms for up to 30 s; fails naming `what` and Prometheus's log.
    private func waitFor(
        _ what: String,
        _ prometheus: PrometheusServer,
        _ condition: () async throws -> Bool
    ) async throws {
        for _ in 0..<120 {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw TestSupportError("timed out waiting for \(what): \(prometheus.process.log().suffix(1500))")
    }

    private func format(_ seconds: Double) -> String {
        String(format: "%.1f ms", seconds * 1000)
    }
}
