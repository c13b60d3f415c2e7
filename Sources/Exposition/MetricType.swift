/// The type a `# TYPE` line gives a metric family in the Prometheus text format.
///
/// Families that have samples but no `# TYPE` line are `untyped`.
public enum MetricType: String, Sendable, Hashable, CaseIterable {
    /// A value that only goes up (or resets to zero).
    case counter
    /// A value that goes up and down.
    case gauge
    /// Cumulative `_bucket{le="..."}` series plus `_sum` and `_count`.
    case histogram
    /// `{quantile="..."}` series plus `_sum` and `_count`.
    case summary
    /// A family declared without a type, or not declared at all.
    case untyped
}
