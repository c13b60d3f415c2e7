import AppAssembly
import AppCore
import AppMetrics
import Logging
import Prometheus
import RedisClient

/// The student's module: the parts of the workshop app the exercises ask for, served by `workshop-app`
/// and checked by `swift test` and `workshop status`.
///
/// Each factory returns a type of this folder; the `TODO(NN)` comments in them say what to write.
/// As shipped, everything compiles and runs but answers wrongly: that is what the exercises fix.
public struct ExercisesModule: WorkshopModule {
    /// Makes the module.
    public init() {}

    /// `exercises`.
    public var name: String { "exercises" }

    /// Exercise 01: see `HealthCheck.swift`.
    public func makeHealthProbe() -> any RedisHealthProbe { HealthCheck() }

    /// Exercise 02: see `ItemReader.swift`.
    public func makeItemLookup() -> any ItemLookup { ItemReader() }

    /// Exercises 03 to 05: see `RequestMetrics.swift`.
    public func makeRequestMetrics(
        registry: PrometheusCollectorRegistry,
        summaries: SummaryRegistry
    ) throws(MetricsError) -> any RequestMetricsRecorder {
        RequestMetrics(registry: registry)
    }

    /// Exercise 06: see `CacheMetrics.swift`.
    public func makeCacheMetrics(registry: PrometheusCollectorRegistry) -> any ItemLookupObserver {
        CacheMetrics(registry: registry)
    }

    /// Exercise 10: see `RedisCommandLog.swift`.
    public func makeRedisCommandLog(logger: Logger, redisAddress: String) -> any RedisCommandObserver {
        RedisCommandLog(logger: logger, redisAddress: redisAddress)
    }

    /// Exercise 11: see `ItemLookupSpan.swift`.
    public func makeItemLookupSpan(wrapping lookup: any ItemLookup) -> any ItemLookup {
        ItemLookupSpan(lookup: lookup)
    }
}
