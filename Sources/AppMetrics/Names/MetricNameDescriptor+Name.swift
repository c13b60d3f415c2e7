import Prometheus

extension MetricNameDescriptor {
    /// Describes the metric called `name` (a whole name such as `http_requests_total`), with its help text.
    public init(name: String, help: String) {
        self.init(metricName: name, unitName: "", helpText: help)
    }
}
