import AppCore
import AppMetrics
import Prometheus

/// Counts the lookups of `GET /items/{key}`: the ones that found the key (hits) and the ones that did not
/// (misses). The miss rate is `rate(redis_app_cache_miss_total[5m])`, and the hit ratio is hits over hits plus
/// misses.
public final class CacheMetrics: ItemLookupObserver {
    private let hits: Counter
    private let misses: Counter

    /// Creates the two counters in `registry`.
    public init(registry: PrometheusCollectorRegistry) {
        hits = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                name: MetricNames.cacheHitTotal,
                help: "Item lookups that found the key."
            )
        )
        misses = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                name: MetricNames.cacheMissTotal,
                help: "Item lookups that found nothing."
            )
        )
    }

    /// Counts one lookup as a hit or a miss.
    public func lookupFinished(found: Bool) {
        if found {
            hits.increment()
        } else {
            misses.increment()
        }
    }
}
