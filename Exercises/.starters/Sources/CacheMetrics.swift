import AppCore
import AppMetrics
import Prometheus

/// Exercise 06: counts the lookups of `GET /items/{key}` that miss.
///
/// `ItemsController` calls ``lookupFinished(found:)`` once per lookup Redis answered; `found` is false
/// when the key does not exist (the 404s). Nothing else (`GET /items`, `POST /items`, `GET /`) calls it.
public final class CacheMetrics: ItemLookupObserver {
    private let registry: PrometheusCollectorRegistry

    /// Makes the cache metrics in `registry`, the registry `/metrics` serves.
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        // TODO(06): make the counter `redis_app_cache_miss_total` (`MetricNames.cacheMissTotal`) here with
        // `registry.makeCounter(descriptor: MetricNameDescriptor(name: ..., help: "..."))` and keep it in a
        // `let` property. (A hit counter, `MetricNames.cacheHitTotal`, is welcome too.)
    }

    /// One lookup finished: `found` is false for a miss.
    public func lookupFinished(found: Bool) {
        // TODO(06): increment the miss counter when `found` is false.
    }
}
