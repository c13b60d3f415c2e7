import AppCore
import AppMetrics
import AppTracing
import Hummingbird
import Logging
import NIOCore
import Prometheus
import RedisClient

/// Builds `instrumented-app`: `redis-app`'s routes with every metric of the workshop, served on `/metrics`.
///
/// Around the same router as `redis-app` (health check, items API, JSON errors) it adds
/// ``HTTPMetricsMiddleware`` reporting to `requestRecorder`, the Redis command metrics
/// (``RedisCommandMetrics``) on the Redis client, `lookupObserver` on `GET /items/{key}`, and `GET /metrics`
/// serving `registry`, `summaries` and the process metrics. The recorders are passed in so that the reference
/// solutions and the students' exercises run in the same application.
///
/// - Parameters:
///   - registry: the application's own Prometheus registry (never a global one).
///   - summaries: the application's summaries, made alongside `registry`.
///   - requestRecorder: what turns each request into metrics (the RED metrics).
///   - lookupObserver: what counts cache hits and misses, if anything.
///   - healthProbe: what decides the answer of `GET /` (the shared default pings Redis).
///   - itemLookup: what answers `GET /items/{key}` (the shared default reads the key from Redis).
///   - redisCommandLog: told about every Redis command after the metrics, to log the ones that matter.
///   - onServerRunning: called with the listening channel once the server runs (its port, when 0 was asked).
public func buildInstrumentedApplication(
    configuration: AppConfiguration,
    registry: PrometheusCollectorRegistry,
    summaries: SummaryRegistry,
    requestRecorder: any RequestMetricsRecorder,
    lookupObserver: (any ItemLookupObserver)?,
    healthProbe: any RedisHealthProbe = PingHealthProbe(),
    itemLookup: any ItemLookup = RedisItemLookup(),
    redisCommandLog: (any RedisCommandObserver)? = nil,
    service: String = "instrumented-app",
    logger: Logger? = nil,
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) -> AppApplication {
    let logger = logger ?? makeLogger(service: service, configuration: configuration)
    let drops = configuration.otlpEndpoint.map { _ in TraceDropMetrics(registry: registry) }
    let tracing = AppTracingSetup.make(configuration: configuration, service: service, logger: logger) {
        count,
        reason in drops?.spansDropped(count, reason: reason.rawValue)
    }
    let redis = makeRedisClient(
        configuration: configuration,
        logger: logger,
        observer: RedisCommandObservers(
            [RedisCommandMetrics(registry: registry) as any RedisCommandObserver] + (redisCommandLog.map { [$0] } ?? [])
        ),
        tracer: tracing?.tracer
    )
    // The server span and the request's log line first, then the metrics middleware: it sees every error
    // as the JSON response with its final status.
    let router = makeRouter(
        middleware: AppTracingSetup.middleware(tracing) + [
            HTTPMetricsMiddleware<AppRequestContext>(recorder: requestRecorder)
        ],
        faults: configuration.faults
    )
    HealthController(service: service, redis: redis, probe: healthProbe, faults: configuration.faults)
        .addRoutes(to: router)
    ItemsController(redis: redis, lookup: itemLookup, lookupObserver: lookupObserver).addRoutes(to: router)
    MetricsController<AppRequestContext>(exporter: MetricsExporter(registry: registry, summaries: summaries))
        .addRoutes(to: router)
    return makeApplication(
        router: router,
        configuration: configuration,
        service: service,
        services: [redis] + (tracing.map { [$0.exporter] } ?? []),
        tracer: tracing?.tracer,
        logger: logger,
        onServerRunning: onServerRunning
    )
}
