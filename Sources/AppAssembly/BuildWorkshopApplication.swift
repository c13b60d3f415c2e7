import AppCore
import AppMetrics
import Hummingbird
import Logging
import NIOCore
import Prometheus

/// Builds the instrumented app around a ``WorkshopModule``: the health check and the items API over
/// Redis, with ``HTTPMetricsMiddleware`` reporting to the module's request metrics, the module's cache
/// metrics watching item lookups, its health probe and item lookup answering `GET /` and
/// `GET /items/{key}`, and `GET /metrics` serving `registry`, the summaries and the process metrics.
///
/// `instrumented-app` builds it with the `Solutions` module, `workshop-app` with the module
/// `WORKSHOP_TARGET` names, and the exercise checks with either; tests pass their own registry.
///
/// - Throws: `MetricsError` when the module registers a metric under a name already taken.
public func buildWorkshopApplication(
    module: any WorkshopModule,
    configuration: AppConfiguration,
    service: String,
    registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    logger: Logger? = nil,
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) throws(MetricsError) -> AppApplication {
    let summaries = SummaryRegistry(alongside: registry)
    let logger = logger ?? makeLogger(service: service, configuration: configuration)
    return buildInstrumentedApplication(
        configuration: configuration,
        registry: registry,
        summaries: summaries,
        requestRecorder: try module.makeRequestMetrics(registry: registry, summaries: summaries),
        lookupObserver: module.makeCacheMetrics(registry: registry),
        healthProbe: module.makeHealthProbe(),
        itemLookup: module.makeItemLookupSpan(wrapping: module.makeItemLookup()),
        redisCommandLog: module.makeRedisCommandLog(logger: logger, redisAddress: configuration.redisAddress),
        service: service,
        logger: logger,
        onServerRunning: onServerRunning
    )
}
