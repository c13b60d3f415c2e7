import PromQL

/// Everything a query rule may look at: the tree, the expansion it was parsed from, where the
/// query comes from and, when given, the application's metrics.
public struct QueryContext: Sendable {
    /// Where a query comes from.
    public enum Origin: Sendable, Equatable {
        /// A panel's target.
        case panelTarget
        /// An annotation query.
        case annotation
        /// A query variable's `query_result(...)`.
        case variableQuery
        /// A query variable's `label_values(selector, label)` or `series(...)`: a bare selector.
        case variableSelector
    }

    /// The parsed, type-checked tree.
    public var expr: Expr
    /// The expansion the tree was parsed from.
    public var expanded: ExpandedQuery
    /// Where the query comes from.
    public var origin: Origin
    /// The metrics the application exposes, when known.
    public var catalog: MetricCatalog?

    /// Makes a context.
    public init(expr: Expr, expanded: ExpandedQuery, origin: Origin, catalog: MetricCatalog?) {
        self.expr = expr
        self.expanded = expanded
        self.origin = origin
        self.catalog = catalog
    }

    /// The kind of the series `name`: from the catalog when it lists it, else from the name's
    /// suffix (`_total`, `_count`, `_sum` are counters, `_bucket` histogram buckets).
    public func kind(of name: String) -> SeriesKind? {
        if let entry = catalog?.entry(for: name) { return entry.kind }
        if name.hasSuffix("_bucket") { return .histogramBucket }
        if name.hasSuffix("_total") || name.hasSuffix("_count") || name.hasSuffix("_sum") { return .counter }
        return nil
    }

    /// True when the text at `range` came from a variable (so its literal value means little).
    public func isSubstituted(_ range: SourceRange) -> Bool {
        expanded.substitutions.contains {
            $0.expandedRange.lowerBound < range.end && range.start < $0.expandedRange.upperBound
        }
    }

    /// The text of `range` as written in the dashboard.
    public func originalText(of range: SourceRange) -> String {
        let original = Array(expanded.original.utf8)
        let mapped = expanded.originalRange(of: range)
        let lower = min(mapped.lowerBound, original.count)
        let upper = min(max(mapped.upperBound, lower), original.count)
        return String(decoding: original[lower..<upper], as: UTF8.self)
    }
}
