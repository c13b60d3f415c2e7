import NIOConcurrencyHelpers

/// The summaries of one metric name, one ``Summary`` per set of label values, made by ``SummaryRegistry``.
public final class SummaryFamily: Sendable {
    /// The metric name.
    public let name: String
    /// The help text.
    public let help: String
    /// The label names every series carries, in order.
    public let labelNames: [String]
    /// The quantiles every series reports.
    public let quantiles: [Double]

    private let window: Duration
    private let slices: Int
    private let now: @Sendable () -> Duration
    private let series: NIOLockedValueBox<(byValues: [[String]: Summary], inOrder: [Summary])>

    init(
        name: String,
        help: String,
        labelNames: [String],
        quantiles: [Double],
        window: Duration,
        slices: Int,
        now: @escaping @Sendable () -> Duration
    ) {
        self.name = name
        self.help = help
        self.labelNames = labelNames
        self.quantiles = quantiles
        self.window = window
        self.slices = slices
        self.now = now
        self.series = NIOLockedValueBox(([:], []))
    }

    /// Returns the summary for `labelValues` (one per label name, in order), creating it on first use.
    ///
    /// A missing value is the empty string and extra values are ignored, so the series always carry exactly
    /// ``labelNames``. Callers on a hot path keep the returned summary rather than asking again.
    public func summary(labelValues: [String]) -> Summary {
        let values = labelNames.indices.map { $0 < labelValues.count ? labelValues[$0] : "" }
        return series.withLockedValue { series in
            if let existing = series.byValues[values] { return existing }
            let summary = Summary(
                name: name,
                labels: Array(zip(labelNames, values)),
                quantiles: quantiles,
                window: window,
                slices: slices,
                now: now
            )
            series.byValues[values] = summary
            series.inOrder.append(summary)
            return summary
        }
    }

    /// The number of series (label sets) in the family.
    public var seriesCount: Int {
        series.withLockedValue { $0.inOrder.count }
    }

    /// Appends `# HELP`, `# TYPE name summary` and every series; nothing when the family has no series yet.
    func emit(into buffer: inout [UInt8]) {
        let summaries = series.withLockedValue { $0.inOrder }
        guard !summaries.isEmpty else { return }
        ExpositionWriter.appendHeader(name: name, help: help, type: "summary", to: &buffer)
        for summary in summaries {
            summary.emit(into: &buffer)
        }
    }
}
