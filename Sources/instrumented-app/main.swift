import AppCore
import AppMetrics
import Foundation
import Prometheus
import Solutions

// instrumented-app: redis-app with the workshop's metrics on /metrics (the reference solutions).
// Configuration: see `instrumented-app --help` and the README.
let configuration = AppConfiguration.fromCommandLine(usesRedis: true)
let registry = PrometheusCollectorRegistry()
let summaries = SummaryRegistry(alongside: registry)
do {
    let application = buildInstrumentedApplication(
        configuration: configuration,
        registry: registry,
        summaries: summaries,
        requestRecorder: try RequestMetrics(registry: registry, summaries: summaries),
        lookupObserver: CacheMetrics(registry: registry)
    )
    await runApplication(application, name: "instrumented-app")
} catch {
    FileHandle.standardError.write(Data("instrumented-app: \(error)\n".utf8))
    exit(1)
}
