import Exposition

/// The metrics an application exposes: each series name with its kind and the labels it carries.
/// Built from a text exposition (`--metrics`) or from a live Prometheus (`--prometheus`).
public struct MetricCatalog: Sendable {
    /// One series name.
    public struct Entry: Sendable {
        /// The series kind.
        public var kind: SeriesKind
        /// The family it belongs to (`http_request_duration_seconds` for `..._bucket`).
        public var family: String
        /// Every label seen on the series (nil when unknown, as in live mode).
        public var labels: Set<String>?
    }

    /// Labels Prometheus itself attaches to every scraped series.
    public static let targetLabels: Set<String> = ["job", "instance", "__name__"]
    /// Series Prometheus writes for every scrape target.
    public static let scrapeSeries: [String] = [
        "up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling",
        "scrape_series_added",
    ]

    /// Every known series, by name.
    public private(set) var entries: [String: Entry] = [:]
    /// Where the types come from, as findings quote it (`--metrics app.metrics`, `--prometheus metadata`).
    public var source: String

    /// Builds a catalog from parsed exposition families; `source` says where they were read.
    public init(families: [MetricFamily], source: String = "the application's metrics") {
        self.source = source
        for family in families {
            switch family.type {
            case .counter:
                add(family.name.hasSuffix("_total") ? family.name : family.name + "_total", .counter, family)
                if !family.name.hasSuffix("_total") { add(family.name, .counter, family) }
            case .gauge: add(family.name, .gauge, family)
            case .untyped: add(family.name, .untyped, family)
            case .histogram:
                add(family.name + "_bucket", .histogramBucket, family, extra: ["le"])
                add(family.name + "_sum", .counter, family)
                add(family.name + "_count", .counter, family)
            case .summary:
                add(family.name, .summaryQuantile, family, extra: ["quantile"])
                add(family.name + "_sum", .counter, family)
                add(family.name + "_count", .counter, family)
            }
            // Samples whose names the family's type does not predict (for example `_created`).
            for sample in family.samples where entries[sample.name] == nil {
                add(sample.name, .gauge, family)
            }
        }
        addScrapeSeries()
    }

    /// Builds a catalog from metric names and, when known, their types (live mode).
    public init(names: [String], types: [String: String], source: String = "Prometheus's metadata") {
        self.source = source
        for name in names {
            entries[name] = Entry(
                kind: Self.kind(named: name, type: types[name], types: types),
                family: name,
                labels: nil
            )
        }
        addScrapeSeries()
    }

    /// The entry for a series name.
    public func entry(for name: String) -> Entry? { entries[name] }

    /// The known name closest to `name` (by edit distance), if reasonably close.
    public func closestName(to name: String) -> String? {
        var best: (name: String, distance: Int)?
        let limit = max(3, name.count / 3)
        for candidate in entries.keys.sorted() {
            let distance = EditDistance.between(name, candidate, limit: limit)
            if distance <= limit, best == nil || distance < best?.distance ?? Int.max {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    private mutating func add(_ name: String, _ kind: SeriesKind, _ family: MetricFamily, extra: Set<String> = []) {
        var labels = extra
        for sample in family.samples where sample.name == name {
            labels.formUnion(sample.labels.keys)
        }
        if var existing = entries[name] {
            existing.labels = (existing.labels ?? []).union(labels)
            entries[name] = existing
        } else {
            entries[name] = Entry(kind: kind, family: family.name, labels: labels)
        }
    }

    private mutating func addScrapeSeries() {
        for name in Self.scrapeSeries where entries[name] == nil {
            entries[name] = Entry(kind: .gauge, family: name, labels: [])
        }
    }

    /// The kind of a series from Prometheus's metadata type of its family.
    private static func kind(named name: String, type: String?, types: [String: String]) -> SeriesKind {
        if let type { return kind(forFamilyType: type, suffix: "") }
        for suffix in ["_bucket", "_sum", "_count", "_total"] where name.hasSuffix(suffix) {
            if let familyType = types[String(name.dropLast(suffix.count))] {
                return kind(forFamilyType: familyType, suffix: suffix)
            }
        }
        return .untyped
    }

    private static func kind(forFamilyType type: String, suffix: String) -> SeriesKind {
        switch (type, suffix) {
        case ("counter", _): return .counter
        case ("gauge", _): return .gauge
        case ("histogram", "_bucket"): return .histogramBucket
        case ("histogram", _), ("summary", "_sum"), ("summary", "_count"): return .counter
        case ("summary", _): return .summaryQuantile
        default: return .untyped
        }
    }
}
