import NIOConcurrencyHelpers
import Prometheus

/// Creates and stores the summaries of an application, and writes them into its `/metrics` exposition.
///
/// swift-prometheus 2.x has no summary type and its `PrometheusCollectorRegistry` cannot hold one, so an
/// application keeps a `SummaryRegistry` next to its `PrometheusCollectorRegistry`; ``MetricsExporter`` writes
/// the registry's families first, then these. A summary's name is checked against the families the
/// `PrometheusCollectorRegistry` holds when the summary is created, and against the `process_*` series, so the
/// same name never appears twice in one exposition.
public final class SummaryRegistry: Sendable {
    private let registry: PrometheusCollectorRegistry?
    private let window: Duration
    private let slices: Int
    private let now: @Sendable () -> Duration
    private let families: NIOLockedValueBox<[SummaryFamily]>

    /// Creates a registry of summaries.
    ///
    /// - Parameters:
    ///   - registry: the application's Prometheus registry, whose names the summaries must not reuse.
    ///   - window: how long an observation counts in the quantiles (60 s by default).
    ///   - slices: how many rotating slices the window is cut into (5 by default).
    ///   - now: a monotonic clock; by default the time since this registry was created.
    public init(
        alongside registry: PrometheusCollectorRegistry? = nil,
        window: Duration = .seconds(60),
        slices: Int = 5,
        now: (@Sendable () -> Duration)? = nil
    ) {
        self.registry = registry
        self.window = window
        self.slices = slices
        if let now {
            self.now = now
        } else {
            let origin = ContinuousClock.now
            self.now = { ContinuousClock.now - origin }
        }
        self.families = NIOLockedValueBox([])
    }

    /// Creates the summary family `name`, or returns it when it exists with the same label names.
    ///
    /// - Throws: ``MetricsError`` when the name or a label name is malformed, a label is called `quantile`,
    ///   or the name (or its `_sum` / `_count` series) is already used by another family.
    public func makeFamily(
        name: String,
        help: String,
        labelNames: [String] = [],
        quantiles: [Double] = Summary.defaultQuantiles
    ) throws(MetricsError) -> SummaryFamily {
        guard MetricNames.isValidMetricName(name) else { throw MetricsError("'\(name)' is not a valid metric name") }
        for label in labelNames {
            guard MetricNames.isValidLabelName(label) else {
                throw MetricsError("'\(label)' is not a valid label name (summary '\(name)')")
            }
        }
        if labelNames.contains("quantile") {
            throw MetricsError("summary '\(name)' cannot have a label called 'quantile': the summary adds it")
        }
        if Set(labelNames).count != labelNames.count {
            throw MetricsError("summary '\(name)' repeats a label name: \(labelNames)")
        }
        let ownSeries: Set<String> = [name, name + "_sum", name + "_count"]
        if let taken = takenSeriesNames().first(where: ownSeries.contains) {
            throw MetricsError("summary '\(name)' would write the series '\(taken)', which another family writes")
        }
        let result: Result<SummaryFamily, MetricsError> = families.withLockedValue { families in
            if let existing = families.first(where: { $0.name == name }) {
                guard existing.labelNames == labelNames else {
                    return .failure(
                        MetricsError(
                            "summary '\(name)' exists with the labels \(existing.labelNames), not \(labelNames)"
                        )
                    )
                }
                return .success(existing)
            }
            let otherSeries = families.flatMap { [$0.name, $0.name + "_sum", $0.name + "_count"] }
            if let taken = otherSeries.first(where: ownSeries.contains) {
                return .failure(MetricsError("summary '\(name)' would write the series '\(taken)' of another summary"))
            }
            let family = SummaryFamily(
                name: name,
                help: help,
                labelNames: labelNames,
                quantiles: quantiles,
                window: window,
                slices: slices,
                now: now
            )
            families.append(family)
            return .success(family)
        }
        return try result.get()
    }

    /// The series names written by the Prometheus registry's families and by ``ProcessMetrics``.
    private func takenSeriesNames() -> Set<String> {
        var taken = Set(ProcessMetrics.seriesNames)
        guard let registry else { return taken }
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        let typePrefix = Array("# TYPE ".utf8)
        for line in buffer.split(separator: UInt8(ascii: "\n")) where line.starts(with: typePrefix) {
            let words = line.dropFirst(typePrefix.count).split(separator: UInt8(ascii: " "))
            guard let first = words.first else { continue }
            let family = String(decoding: first, as: UTF8.self)
            for suffix in ["", "_sum", "_count", "_bucket"] { taken.insert(family + suffix) }
        }
        return taken
    }

    /// Appends every summary family that has at least one series.
    public func emit(into buffer: inout [UInt8]) {
        for family in families.withLockedValue({ $0 }) {
            family.emit(into: &buffer)
        }
    }
}
