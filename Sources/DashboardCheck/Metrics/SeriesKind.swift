/// What kind of series a metric name is, from a scraped exposition or from its name.
public enum SeriesKind: Sendable, Equatable {
    /// Only goes up (a counter, or a histogram's or summary's `_sum`/`_count`).
    case counter
    /// A histogram's cumulative `_bucket` series (a counter with an `le` label).
    case histogramBucket
    /// A summary's quantile series (a gauge with a `quantile` label).
    case summaryQuantile
    /// Goes up and down.
    case gauge
    /// Declared untyped, or unknown.
    case untyped

    /// True for series that must be read through `rate`, `irate` or `increase`.
    public var isCounterLike: Bool { self == .counter || self == .histogramBucket }
}
