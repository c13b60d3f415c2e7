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
    /// The types a metric catalog file declares (`--catalog`), with no claim that the metrics exist.
    public var declaredTypes: MetricCatalog?
    /// Every query of the dashboard, for the rules that look at a family's other series.
    public var dashboard: DashboardExpressions

    /// Makes a context.
    public init(
        expr: Expr,
        expanded: ExpandedQuery,
        origin: Origin,
        catalog: MetricCatalog?,
        declaredTypes: MetricCatalog? = nil,
        dashboard: DashboardExpressions = DashboardExpressions()
    ) {
        self.expr = expr
        self.expanded = expanded
        self.origin = origin
        self.catalog = catalog
        self.declaredTypes = declaredTypes
        self.dashboard = dashboard
    }

    /// The kind of the series `name`: from the catalog when it lists it, else from the name's
    /// suffix (`_total`, `_count`, `_sum` are counters, `_bucket` histogram buckets).
    public func kind(of name: String) -> SeriesKind? {
        if let entry = catalog?.entry(for: name) { return entry.kind }
        if name.hasSuffix("_bucket") { return .histogramBucket }
        if name.hasSuffix("_total") || name.hasSuffix("_count") || name.hasSuffix("_sum") { return .counter }
        return nil
    }

    /// The kind of the series `name` and what it rests on: a type declared by `--metrics`,
    /// `--prometheus` or `--catalog`; else the name's suffix (`_total` a counter, `_bucket` a
    /// histogram's buckets); `_count` and `_sum` are a counter only when their family is a declared
    /// histogram or summary, or when the dashboard also reads its other series (`_bucket`,
    /// `_sum`/`_count`, quantiles). Nil when nothing tells.
    public func evidence(of name: String) -> KindEvidence? {
        // Called for every selector of every query: no allocation on the common paths.
        if let declared = declaredKind(of: name, in: catalog) ?? declaredKind(of: name, in: declaredTypes) {
            return declared
        }
        if name.hasSuffix("_bucket") {
            return KindEvidence(kind: .histogramBucket, basis: .name(reason: "the _bucket suffix"))
        }
        if name.hasSuffix("_total") { return KindEvidence(kind: .counter, basis: .name(reason: "the _total suffix")) }
        let isCount = name.hasSuffix("_count")
        guard isCount || name.hasSuffix("_sum") else { return nil }
        let family = String(name.dropLast(isCount ? 6 : 4))
        if let declared = declaredFamily(family, in: catalog) ?? declaredFamily(family, in: declaredTypes) {
            return declared
        }
        for sibling in [family + "_bucket", family + (isCount ? "_sum" : "_count")] where dashboard.mentions(sibling) {
            return KindEvidence(kind: .counter, basis: .name(reason: "\(sibling) on the same dashboard"))
        }
        if dashboard.mentionsQuantiles(of: family) {
            return KindEvidence(kind: .counter, basis: .name(reason: "\(family){quantile=...} on the same dashboard"))
        }
        return nil
    }

    /// The kind `known` declares for the series `name`, when it declares one.
    private func declaredKind(of name: String, in known: MetricCatalog?) -> KindEvidence? {
        guard let known, let entry = known.entry(for: name), entry.kind != .untyped else { return nil }
        return KindEvidence(kind: entry.kind, basis: .declared(source: known.source))
    }

    /// A counter, when `known` declares `family` a histogram or a summary (whose `_count` and `_sum` count).
    private func declaredFamily(_ family: String, in known: MetricCatalog?) -> KindEvidence? {
        guard let known else { return nil }
        guard
            known.entry(for: family + "_bucket")?.kind == .histogramBucket
                || known.entry(for: family)?.kind == .summaryQuantile
        else { return nil }
        return KindEvidence(kind: .counter, basis: .declared(source: known.source))
    }

    /// The values variables give the text at `range`, in words ("$interval is 5m on this
    /// dashboard"), or nil when the author wrote that text literally.
    public func expansionNote(for range: SourceRange) -> String? {
        let parts = expanded.substitutions.filter {
            $0.expandedRange.lowerBound < range.end && range.start < $0.expandedRange.upperBound
        }.map(expanded.describe)
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// True when the text at `range` came from a variable (so its literal value means little).
    public func isSubstituted(_ range: SourceRange) -> Bool {
        expanded.substitutions.contains {
            $0.expandedRange.lowerBound < range.end && range.start < $0.expandedRange.upperBound
        }
    }

    /// The text of `range` as written in the dashboard.
    public func originalText(of range: SourceRange) -> String {
        expanded.originalText(of: expanded.originalRange(of: range))
    }
}
