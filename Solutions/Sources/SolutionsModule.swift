import AppAssembly
import AppCore
import AppMetrics
import Logging
import Prometheus
import RedisClient

/// The reference answers to the code exercises, served by `instrumented-app` and by `workshop-app`
/// with `WORKSHOP_TARGET=solutions`.
///
/// Exercises 01 and 02 are answered by the probe and lookup every app shares (`PingHealthProbe`,
/// `RedisItemLookup` in AppCore); 03 to 05 by ``RequestMetrics``; 06 by ``CacheMetrics``.
public struct SolutionsModule: WorkshopModule {
    /// Makes the module.
    public init() {}

    /// `solutions`.
    public var name: String { "solutions" }

    /// Exercise 01: `PING` Redis.
    public func makeHealthProbe() -> any RedisHealthProbe { PingHealthProbe() }

    /// Exercise 02: `GET` the key, 404 when it is missing.
    public func makeItemLookup() -> any ItemLookup { RedisItemLookup() }

    /// Exercises 03 to 05, plus the duration summary.
    public func makeRequestMetrics(
        registry: PrometheusCollectorRegistry,
        summaries: SummaryRegistry
    ) throws(MetricsError) -> any RequestMetricsRecorder {
        try RequestMetrics(registry: registry, summaries: summaries)
    }

    /// Exercise 06: cache hits and misses.
    public func makeCacheMetrics(registry: PrometheusCollectorRegistry) -> any ItemLookupObserver {
        CacheMetrics(registry: registry)
    }

    /// Exercise 10: failed Redis commands at error, slow ones at warning.
    public func makeRedisCommandLog(logger: Logger, redisAddress: String) -> any RedisCommandObserver {
        RedisCommandLog(logger: logger, redisAddress: redisAddress)
    }

    /// Exercise 11: the lookup's Redis call as a client span.
    public func makeItemLookupSpan(wrapping lookup: any ItemLookup) -> any ItemLookup {
        ItemLookupSpan(lookup: lookup)
    }
}
