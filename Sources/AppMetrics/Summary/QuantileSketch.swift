#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A streaming quantile sketch with a relative error bound: DDSketch (Masson, Rim and Lee, "DDSketch: a fast
/// and fully-mergeable quantile sketch with relative-error guarantees", VLDB 2019).
///
/// Each observation `x` is counted in the logarithmic bucket `i = ceil(log_γ(x))`, which holds the values in
/// `(γ^(i-1), γ^i]`, with `γ = (1 + α) / (1 - α)`. A quantile is answered with the bucket's centre
/// `2γ^i / (γ + 1)`, so:
///
/// **Error bound.** For `q` in `[0, 1]` and `n` observations, let `x` be the observation of rank
/// `r = max(1, ceil(q·n))` in sorted order. `quantile(q)` returns `x̂` with `|x̂ - x| ≤ α·x`, for every `x` above
/// ``minimumIndexable``; observations at or below it (zero and negative values) are answered as 0.
///
/// Memory grows with the spread of the values, not their number: one counter per bucket between the smallest
/// and the largest one seen (about 460 buckets per factor of 10⁴ at `α = 0.01`). Two sketches with the same `α`
/// merge exactly by adding their counters, which is how ``Summary`` combines its time slices.
struct QuantileSketch: Sendable {
    /// The relative error bound α.
    let relativeAccuracy: Double
    /// Observations at or below this value (1 ns, for durations in seconds) are counted as 0.
    static let minimumIndexable = 1e-9

    private let logGamma: Double
    private let gamma: Double
    /// `counts[k]` counts bucket `offset + k`.
    private var counts: [UInt64] = []
    private var offset = 0
    private var zeroCount: UInt64 = 0
    private var infinityCount: UInt64 = 0
    /// The number of observations counted.
    private(set) var count: UInt64 = 0

    init(relativeAccuracy: Double) {
        self.relativeAccuracy = relativeAccuracy
        self.gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy)
        self.logGamma = log(gamma)
    }

    /// Counts `value`; NaN is ignored.
    mutating func add(_ value: Double) {
        if value.isNaN { return }
        count += 1
        if value <= Self.minimumIndexable {
            zeroCount += 1
        } else if value == .infinity {
            infinityCount += 1
        } else {
            increment(bucket: Int((log(value) / logGamma).rounded(.up)), by: 1)
        }
    }

    private mutating func increment(bucket index: Int, by amount: UInt64) {
        if counts.isEmpty {
            offset = index
            counts = [amount]
            return
        }
        if index < offset {
            counts.insert(contentsOf: repeatElement(0, count: offset - index), at: 0)
            offset = index
        } else if index >= offset + counts.count {
            counts.append(contentsOf: repeatElement(0, count: index - offset - counts.count + 1))
        }
        counts[index - offset] += amount
    }

    /// Adds every observation of `other`, which must have the same relative accuracy.
    mutating func merge(_ other: QuantileSketch) {
        count += other.count
        zeroCount += other.zeroCount
        infinityCount += other.infinityCount
        for (k, amount) in other.counts.enumerated() where amount > 0 {
            increment(bucket: other.offset + k, by: amount)
        }
    }

    /// Forgets every observation, keeping the allocated storage.
    mutating func reset() {
        counts.removeAll(keepingCapacity: true)
        zeroCount = 0
        infinityCount = 0
        count = 0
    }

    /// The estimate of the `q`-quantile (see the error bound above), or nil when the sketch is empty.
    func quantile(_ q: Double) -> Double? {
        guard count > 0 else { return nil }
        let rank = Self.rank(of: q, in: count)
        var seen = zeroCount
        if seen >= rank { return 0 }
        for (k, amount) in counts.enumerated() {
            seen += amount
            if seen >= rank { return 2 * pow(gamma, Double(offset + k)) / (gamma + 1) }
        }
        return infinityCount > 0 ? .infinity : nil
    }

    /// The 1-based rank `max(1, ceil(q·n))` of the `q`-quantile among `n` sorted observations.
    ///
    /// A tolerance of 1e-9 absorbs binary rounding, so that `0.95 × 100` is rank 95, not 96.
    static func rank(of q: Double, in n: UInt64) -> UInt64 {
        let clamped = min(max(q, 0), 1)
        return max(1, UInt64((clamped * Double(n) - 1e-9).rounded(.up)))
    }
}
