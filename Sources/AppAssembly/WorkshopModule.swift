import AppCore
import AppMetrics
import Logging
import Prometheus
import RedisClient

/// The parts of the workshop app the exercises teach, one factory per exercise.
///
/// Two modules implement it: `Solutions` (the reference, served by `instrumented-app`) and `Exercises`
/// (the student's, served by `workshop-app`). Everything else (the routes, the middleware that times
/// requests, `/metrics`, the summary type, the process metrics) is shared, so the two apps differ only
/// in what a module returns. See ``buildWorkshopApplication(module:configuration:service:registry:logger:)``.
public protocol WorkshopModule: Sendable {
    /// The module's name, `exercises` or `solutions`.
    var name: String { get }

    /// Exercise 01: decides whether Redis is up, for `GET /`.
    func makeHealthProbe() -> any RedisHealthProbe

    /// Exercise 02: finds the item of `GET /items/{key}`, or throws a 404.
    func makeItemLookup() -> any ItemLookup

    /// Exercises 03 (request counter), 04 (latency histogram) and 05 (in-progress gauge): turns what
    /// `HTTPMetricsMiddleware` measures into metrics registered in `registry` (and, for summaries,
    /// `summaries`).
    func makeRequestMetrics(
        registry: PrometheusCollectorRegistry,
        summaries: SummaryRegistry
    ) throws(MetricsError) -> any RequestMetricsRecorder

    /// Exercise 06: counts the item lookups that miss (and hit), registered in `registry`.
    func makeCacheMetrics(registry: PrometheusCollectorRegistry) -> any ItemLookupObserver

    /// Exercise 10: logs the Redis commands an on-call engineer needs to see (failed or slow ones) to
    /// `logger`, the app's, whose lines carry the request's trace id; `redisAddress` is `host:port`.
    func makeRedisCommandLog(logger: Logger, redisAddress: String) -> any RedisCommandObserver

    /// Exercise 11: `lookup` with its Redis call as a client span (swift-distributed-tracing's `withSpan`).
    func makeItemLookupSpan(wrapping lookup: any ItemLookup) -> any ItemLookup
}
