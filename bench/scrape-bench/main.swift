// scrape-bench: serves an exposition of a chosen number of series through the apps' own /metrics
// route, so bench/run.sh can time scrapes as the number of series grows.
//
//   scrape-bench --series N --port P    register N counter series and serve GET /metrics on 127.0.0.1:P
//   scrape-bench --series N --parse-only  render the same exposition once, parse it with the project's
//                                         Exposition parser, print the parse time, and exit
//
// The series are `bench_<f>_requests_total{handler="/h<i>",status="<code>"}`: i over N/5 handlers and five
// statuses, as if an app had served that many routes, in families of at most 1000 series (f counts the
// families). Traffic cannot make this many series in the apps themselves (their handler label is the
// route template, and unknown paths share one value), so they are registered directly in a registry
// that `MetricsExporter` renders like the app's. swift-prometheus copies a family's label map on every
// new series, so registering 100,000 series in one family would take minutes; bounded families keep
// the start quick without changing what a scrape renders.

import AppMetrics
import Exposition
import Foundation
import Hummingbird
import Prometheus

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("scrape-bench: \(message)\n".utf8))
    exit(2)
}

var series = 1000
var port = 0
var parseOnly = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--series":
        guard let text = arguments.popFirst(), let value = Int(text), value >= 5 else {
            fail("--series needs a whole number of at least 5")
        }
        series = value
    case "--port":
        guard let text = arguments.popFirst(), let value = Int(text), (1...65535).contains(value) else {
            fail("--port needs a port number")
        }
        port = value
    case "--parse-only":
        parseOnly = true
    default:
        fail("unknown argument '\(argument)' (use --series N and --port P or --parse-only)")
    }
}

let registry = PrometheusCollectorRegistry()
let statuses = ["200", "201", "400", "404", "503"]
let handlersPerFamily = 1000 / statuses.count
for index in 0..<(series / statuses.count) {
    for status in statuses {
        let counter = registry.makeCounter(
            name: "bench_\(index / handlersPerFamily)_requests_total",
            labels: [("handler", "/h\(index)"), ("status", status)],
            help: "Requests served, by handler and status."
        )
        counter.increment(by: Int64(index % 97 + 1))
    }
}
let exporter = MetricsExporter(registry: registry, summaries: SummaryRegistry(alongside: registry))

if parseOnly {
    let text = String(decoding: exporter.render(), as: UTF8.self)
    let start = ContinuousClock.now
    do {
        let families = try ExpositionParser.parse(text)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let samples = families.reduce(0) { $0 + $1.samples.count }
        print(
            String(
                format: "%d samples in %.1f ms (%.0f samples/s, %.1f MB/s)",
                samples,
                seconds * 1000,
                Double(samples) / seconds,
                Double(text.utf8.count) / seconds / 1e6
            )
        )
    } catch {
        fail("the exposition does not parse: \(error)")
    }
    exit(0)
}
guard port != 0 else { fail("give --port P (or --parse-only)") }

let router = Router()
MetricsController(exporter: exporter).addRoutes(to: router)
let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "scrape-bench")
)
try await app.runService()
