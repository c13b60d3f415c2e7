/// Percentiles of the recorded latencies, in seconds.
///
/// Every latency is measured from the moment the schedule meant the request to start, so time a
/// request spent waiting for a free connection counts (no coordinated omission).
public struct LatencySummary: Sendable, Codable, Equatable {
    /// How many latencies were recorded.
    public var count: Int
    /// The median.
    public var p50: Double
    /// The 95th percentile: 95% of requests took at most this long.
    public var p95: Double
    /// The 99th percentile.
    public var p99: Double
    /// The slowest request.
    public var max: Double
    /// The arithmetic mean.
    public var mean: Double

    /// Summarises `latencies` with nearest-rank percentiles; all zero when there is none.
    public init(latencies: [Double]) {
        count = latencies.count
        guard !latencies.isEmpty else {
            p50 = 0
            p95 = 0
            p99 = 0
            max = 0
            mean = 0
            return
        }
        let sorted = latencies.sorted()
        p50 = Self.percentile(0.50, ofSorted: sorted)
        p95 = Self.percentile(0.95, ofSorted: sorted)
        p99 = Self.percentile(0.99, ofSorted: sorted)
        max = sorted[sorted.count - 1]
        mean = sorted.reduce(0, +) / Double(sorted.count)
    }

    /// The nearest-rank percentile `q` (0...1) of a sorted, non-empty array.
    public static func percentile(_ q: Double, ofSorted sorted: [Double]) -> Double {
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }
}
