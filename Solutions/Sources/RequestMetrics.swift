import AppMetrics
import Prometheus

/// The RED metrics of an HTTP service: how many requests (rate), how many failed (errors, by status), and
/// how long they took (duration), plus how many are being served right now.
///
/// ``HTTPMetricsMiddleware`` measures each request and calls this recorder; the recorder updates:
/// - `http_requests_total{method,handler,status}`: a counter, one series per route, method and status;
/// - `http_request_duration_seconds{method,handler}`: a histogram with buckets from 1 ms to 5 s;
/// - `http_request_duration_summary_seconds{method,handler}`: a summary with the 0.5, 0.9, 0.95 and 0.99
///   quantiles of the last minute;
/// - `http_requests_in_progress`: a gauge, up by one while a request is served.
public final class RequestMetrics: RequestMetricsRecorder {
    private let registry: PrometheusCollectorRegistry
    private let inProgress: Gauge
    private let durationSummaries: SummaryFamily

    /// The metric objects already made, per route: looking them up in the registry on every request would be
    /// slower. A request finds its route with one lookup, then its status's counter with a second, by number.
    private let routes = LabelSetCache<Route, RouteMetrics>()

    /// A method and route template: the labels of one duration histogram and summary.
    private struct Route: Hashable, Sendable {
        let method: String
        let handler: String
    }

    /// The metrics of one route: its durations, and its request counters by status.
    private struct RouteMetrics: Sendable {
        let histogram: ValueHistogram
        let summary: Summary
        let counters = LabelSetCache<Int, Counter>()
    }

    /// Creates the request metrics in `registry` and `summaries`.
    public init(registry: PrometheusCollectorRegistry, summaries: SummaryRegistry) throws(MetricsError) {
        self.registry = registry
        self.inProgress = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                name: MetricNames.httpRequestsInProgress,
                help: "HTTP requests being served right now."
            )
        )
        self.durationSummaries = try summaries.makeFamily(
            name: MetricNames.httpRequestDurationSummarySeconds,
            help: "HTTP request duration in seconds, quantiles over the last minute.",
            labelNames: ["method", "handler"]
        )
    }

    /// Counts one more request in progress.
    public func requestStarted() {
        inProgress.increment()
    }

    /// Counts the finished request and records its duration.
    public func requestFinished(method: String, handler: String, status: Int, duration: Duration) {
        inProgress.decrement()
        let route = routes.value(for: Route(method: method, handler: handler)) {
            RouteMetrics(
                histogram: registry.makeValueHistogram(
                    descriptor: MetricNameDescriptor(
                        name: MetricNames.httpRequestDurationSeconds,
                        help: "HTTP request duration in seconds, by method and route template."
                    ),
                    labels: [("method", method), ("handler", handler)],
                    buckets: MetricNames.httpDurationBuckets
                ),
                summary: durationSummaries.summary(labelValues: [method, handler])
            )
        }

        // slide:request-counter
        let counter = route.counters.value(for: status) {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    name: MetricNames.httpRequestsTotal,
                    help: "HTTP requests served, by method, route template and status code."
                ),
                labels: [("method", method), ("handler", handler), ("status", String(status))]
            )
        }
        counter.increment()
        // end-slide

        route.histogram.record(duration.seconds)
        route.summary.observe(duration.seconds)
    }
}
