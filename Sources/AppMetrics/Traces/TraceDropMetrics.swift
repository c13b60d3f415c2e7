import Prometheus

/// Counts the spans the trace exporter dropped, by reason, in `redis_app_trace_spans_dropped_total{reason}`:
/// `queue_full` (the receiver is slower than the app, or down) and `export_failed` (it did not accept a batch).
/// Both series exist from the start, at 0.
public final class TraceDropMetrics: Sendable {
    private let queueFull: Counter
    private let exportFailed: Counter

    /// Creates the counters in `registry`.
    public init(registry: PrometheusCollectorRegistry) {
        let descriptor = MetricNameDescriptor(
            name: MetricNames.traceSpansDroppedTotal,
            help: "Spans the trace exporter dropped, by reason."
        )
        queueFull = registry.makeCounter(descriptor: descriptor, labels: [("reason", "queue_full")])
        exportFailed = registry.makeCounter(descriptor: descriptor, labels: [("reason", "export_failed")])
    }

    /// Counts `count` spans dropped for `reason` (`queue_full` or `export_failed`).
    public func spansDropped(_ count: Int, reason: String) {
        (reason == "queue_full" ? queueFull : exportFailed).increment(by: Int64(count))
    }
}
