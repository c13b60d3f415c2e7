import AppMetrics
import Prometheus

/// Exercises 03, 04 and 05: the RED metrics of every request.
///
/// `HTTPMetricsMiddleware` (already in place) calls ``requestStarted()`` when a request comes in and
/// ``requestFinished(method:handler:status:duration:)`` once when it ends, even when the handler threw.
/// Register every metric in `registry`: it is the one `/metrics` serves. Metric names are in
/// `MetricNames`.
public final class RequestMetrics: RequestMetricsRecorder {
    private let registry: PrometheusCollectorRegistry

    /// Makes the recorder; create gauges here, counters and histograms per label set when they are needed.
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        // TODO(05): make the `http_requests_in_progress` gauge here, with
        // `registry.makeGauge(descriptor: MetricNameDescriptor(name: MetricNames.httpRequestsInProgress, help: "..."))`,
        // and keep it in a `let` property.
    }

    /// A request came in.
    public func requestStarted() {
        // TODO(05): one more request in progress: increment the gauge.
    }

    /// A request ended with `status` after `duration`.
    public func requestFinished(method: String, handler: String, status: Int, duration: Duration) {
        // TODO(05): one request fewer in progress: decrement the gauge.

        // TODO(03): count the request in the counter `http_requests_total` with the labels method, handler
        // and status: `registry.makeCounter(descriptor:labels:)` returns the counter of that label set
        // (the same one each time), then `.increment()` it.

        // TODO(04): observe the duration, in seconds (`duration.seconds`), in the histogram
        // `http_request_duration_seconds` with the labels method and handler and the buckets
        // `MetricNames.httpDurationBuckets`: `registry.makeValueHistogram(descriptor:labels:buckets:)`,
        // then `.record(...)`.
    }
}
