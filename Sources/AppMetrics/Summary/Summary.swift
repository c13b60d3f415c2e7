import NIOConcurrencyHelpers

/// A Prometheus summary: quantiles over a sliding time window, plus the total `_sum` and `_count`.
///
/// The window (60 s by default) is cut into slices (5 by default, 12 s each) that rotate: an observation goes
/// into the slice of the current time, a slice is emptied when its time comes round again, and quantiles are
/// computed over the slices of the last window. An observation therefore counts in the quantiles for at least
/// `window - window/slices` (48 s) and at most `window` (60 s). `_sum` and `_count` cover every observation since
/// the start, as Prometheus expects of a summary.
///
/// Each slice is a ``QuantileSketch`` with relative accuracy 1%: a reported quantile is within 1% of the
/// observation of rank `ceil(q·n)` in the window. Observing costs one logarithm and one lock.
public final class Summary: Sendable {
    /// The quantiles a summary reports unless told otherwise: 0.5, 0.9, 0.95 and 0.99.
    public static let defaultQuantiles: [Double] = [0.5, 0.9, 0.95, 0.99]
    /// The relative error bound of every reported quantile.
    public static let relativeAccuracy = 0.01

    /// The family's name.
    public let name: String
    /// The labels of this series, in order.
    public let labels: [(String, String)]
    /// The quantiles reported, ascending.
    public let quantiles: [Double]

    private let sliceLength: Duration
    private let sliceCount: Int
    private let now: @Sendable () -> Duration
    private let state: NIOLockedValueBox<State>
    private let renderedQuantileLabels: [[UInt8]]
    private let renderedLabels: [UInt8]

    private struct State {
        var slices: [QuantileSketch]
        /// The slice number (time / slice length) each slice holds, or nil when it has not been used.
        var sliceNumbers: [Int64?]
        var sum: Double = 0
        var count: UInt64 = 0
    }

    /// Creates a summary; ``SummaryFamily`` does this for each label set.
    ///
    /// - Parameters:
    ///   - window: how long an observation counts in the quantiles (at most).
    ///   - slices: how many rotating slices the window is cut into (at least 1).
    ///   - now: the monotonic time; tests pass their own clock.
    init(
        name: String,
        labels: [(String, String)],
        quantiles: [Double],
        window: Duration,
        slices: Int,
        now: @escaping @Sendable () -> Duration
    ) {
        self.name = name
        self.labels = labels
        self.quantiles = quantiles.filter { $0 >= 0 && $0 <= 1 }.sorted()
        self.sliceCount = max(1, slices)
        self.sliceLength = max(window / sliceCount, .nanoseconds(1))
        self.now = now
        self.state = NIOLockedValueBox(
            State(
                slices: Array(
                    repeating: QuantileSketch(relativeAccuracy: Self.relativeAccuracy),
                    count: sliceCount
                ),
                sliceNumbers: Array(repeating: nil, count: sliceCount)
            )
        )
        self.renderedLabels = ExpositionWriter.renderLabels(labels)
        self.renderedQuantileLabels = self.quantiles.map {
            ExpositionWriter.renderLabels(labels + [("quantile", ExpositionWriter.format($0))])
        }
    }

    /// Records one observation (NaN is counted in `_count` and `_sum` but not in the quantiles).
    // slide:summary-observe
    public func observe(_ value: Double) {
        let slice = sliceNumber(at: now())
        state.withLockedValue { state in
            let index = Int(slice % Int64(sliceCount))
            if state.sliceNumbers[index] != slice {
                state.slices[index].reset()
                state.sliceNumbers[index] = slice
            }
            state.slices[index].add(value)
            state.sum += value
            state.count += 1
        }
    }
    // end-slide

    /// Records a duration, in seconds.
    public func observe(_ duration: Duration) {
        observe(duration.seconds)
    }

    /// The current quantile values over the window, in the order of ``quantiles``; NaN when the window is empty.
    public func quantileValues() -> [Double] {
        let sketch = windowSketch()
        return quantiles.map { sketch.quantile($0) ?? .nan }
    }

    /// The sum and the count of every observation since the summary was created.
    public var totals: (sum: Double, count: UInt64) {
        state.withLockedValue { ($0.sum, $0.count) }
    }

    private func sliceNumber(at time: Duration) -> Int64 {
        Int64(time / sliceLength)
    }

    /// The slices of the last window merged into one sketch.
    private func windowSketch() -> QuantileSketch {
        let current = sliceNumber(at: now())
        return state.withLockedValue { state in
            var merged = QuantileSketch(relativeAccuracy: Self.relativeAccuracy)
            for (index, number) in state.sliceNumbers.enumerated() {
                guard let number, number <= current, number > current - Int64(sliceCount) else { continue }
                merged.merge(state.slices[index])
            }
            return merged
        }
    }

    /// Appends the quantile, `_sum` and `_count` lines of this series.
    func emit(into buffer: inout [UInt8]) {
        let values = quantileValues()
        let (sum, count) = totals
        for (labels, value) in zip(renderedQuantileLabels, values) {
            ExpositionWriter.appendSample(name: name, suffix: "", renderedLabels: labels, value: value, to: &buffer)
        }
        ExpositionWriter.appendSample(
            name: name,
            suffix: "_sum",
            renderedLabels: renderedLabels,
            value: sum,
            to: &buffer
        )
        ExpositionWriter.appendSample(
            name: name,
            suffix: "_count",
            renderedLabels: renderedLabels,
            value: Double(count),
            to: &buffer
        )
    }
}
