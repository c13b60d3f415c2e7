// Serves a /metrics exposition holding the traffic of 50 handlers × 5 statuses, and times its rendering.
//
// Usage: metrics-bench PORT
// Prints the in-process render times, then serves http://127.0.0.1:PORT/metrics until it is stopped;
// bench/metrics-scrape measures the served scrapes with wrk.

import AppMetrics
import Foundation
import Hummingbird
import Prometheus
import Solutions

let arguments = CommandLine.arguments
guard arguments.count == 2, let port = Int(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: metrics-bench PORT\n".utf8))
    exit(2)
}

let registry = PrometheusCollectorRegistry()
let summaries = SummaryRegistry(alongside: registry)
let requestMetrics: RequestMetrics
do {
    requestMetrics = try RequestMetrics(registry: registry, summaries: summaries)
} catch {
    FileHandle.standardError.write(Data("metrics-bench: \(error)\n".utf8))
    exit(1)
}

// 50 route templates × 5 statuses, 20 requests each, with durations spread over the buckets.
let statuses = [200, 201, 400, 404, 503]
var generator = SystemRandomNumberGenerator()
for handler in 0..<50 {
    for status in statuses {
        for _ in 0..<20 {
            requestMetrics.requestStarted()
            requestMetrics.requestFinished(
                method: "GET",
                handler: "/bench/route\(handler)/{id}",
                status: status,
                duration: .microseconds(Int64.random(in: 100...2_000_000, using: &generator))
            )
        }
    }
}

let exporter = MetricsExporter(registry: registry, summaries: summaries)
var renderTimes: [Double] = []
var size = 0
let clock = ContinuousClock()
for _ in 0..<500 {
    let elapsed = clock.measure { size = exporter.render().count }
    renderTimes.append(elapsed.seconds * 1000)
}
let sortedTimes = renderTimes.sorted()
let median = sortedTimes[sortedTimes.count / 2]
let p99 = sortedTimes[sortedTimes.count * 99 / 100]
print(
    String(
        format: "render: bytes=%d median_ms=%.3f p99_ms=%.3f max_ms=%.3f",
        size,
        median,
        p99,
        sortedTimes[sortedTimes.count - 1]
    )
)

let router = Router()
router.add(middleware: HTTPMetricsMiddleware(recorder: requestMetrics))
MetricsController(exporter: exporter).addRoutes(to: router)
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
