import AppCore
import Logging
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
    logger: Logger? = nil
) throws(MetricsError) -> AppApplication {
    let logger = logger ?? makeLogger(service: service, configuration: configuration)
    let summaries = SummaryRegistry(alongside: registry)
    let requestMetrics = try module.makeRequestMetrics(registry: registry, summaries: summaries)
    let redis = makeRedisClient(configuration: configuration, logger: logger)
    // The metrics middleware is outermost: it sees every error as the JSON response with its final status.
    let router = makeRouter(middleware: [HTTPMetricsMiddleware<AppRequestContext>(recorder: requestMetrics)])
    HealthController(service: service, redis: redis, probe: module.makeHealthProbe()).addRoutes(to: router)
    ItemsController(
        redis: redis,
        lookup: module.makeItemLookup(),
        lookupObserver: module.makeCacheMetrics(registry: registry)
    ).addRoutes(to: router)
    MetricsController<AppRequestContext>(exporter: MetricsExporter(registry: registry, summaries: summaries))
        .addRoutes(to: router)
    return makeApplication(
        router: router,
        configuration: configuration,
        service: service,
        services: [redis],
        logger: logger
    )
}
