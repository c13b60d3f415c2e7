import Prometheus
import RedisClient

/// Records every Redis command the app's `RedisClient` runs: its duration, by command, in
/// `redis_app_redis_command_duration_seconds{command}`, and its failures, by command and kind of error, in
/// `redis_app_redis_errors_total{command,kind}`.
public final class RedisCommandMetrics: RedisCommandObserver {
    private let registry: PrometheusCollectorRegistry
    private let durations = LabelSetCache<String, ValueHistogram>()
    private let errors = LabelSetCache<[String], Counter>()

    /// Creates the metrics in `registry`.
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Records one finished command, named in capitals as `RedisClient` reports it.
    public func commandFinished(_ command: String, duration: Duration, error: RedisError?) {
        let histogram = durations.value(for: command) {
            registry.makeValueHistogram(
                descriptor: MetricNameDescriptor(
                    name: MetricNames.redisCommandDurationSeconds,
                    help: "Redis command duration in seconds, by command."
                ),
                labels: [("command", command)],
                buckets: MetricNames.redisDurationBuckets
            )
        }
        histogram.record(duration.seconds)
        guard let error else { return }
        let kind = "\(error.kind)"
        errors.value(for: [command, kind]) {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    name: MetricNames.redisErrorsTotal,
                    help: "Failed Redis commands, by command and kind of error."
                ),
                labels: [("command", command), ("kind", kind)]
            )
        }
        .increment()
    }
}
