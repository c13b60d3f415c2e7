import Prometheus

/// Writes an application's whole exposition: its Prometheus registry, its summaries and the process metrics.
public struct MetricsExporter: Sendable {
    /// The content type of the Prometheus text format 0.0.4.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The application's counters, gauges and histograms.
    public let registry: PrometheusCollectorRegistry
    /// The application's summaries.
    public let summaries: SummaryRegistry
    /// The `process_*` series, or nil to leave them out.
    public let processMetrics: ProcessMetrics?

    /// Creates an exporter.
    public init(
        registry: PrometheusCollectorRegistry,
        summaries: SummaryRegistry,
        processMetrics: ProcessMetrics? = ProcessMetrics()
    ) {
        self.registry = registry
        self.summaries = summaries
        self.processMetrics = processMetrics
    }

    /// Renders the exposition: the registry's families, then the summaries, then the process metrics.
    public func render() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(16 * 1024)
        registry.emit(into: &buffer)
        summaries.emit(into: &buffer)
        processMetrics?.emit(into: &buffer)
        return buffer
    }
}
