/// A metric family: a name, its type and help text, and every sample written under it.
///
/// The samples of a histogram (`_bucket`, `_sum`, `_count`) and of a summary (the quantile series,
/// `_sum`, `_count`) belong to the family named without the suffix.
public struct MetricFamily: Sendable, Hashable {
    /// The family's name, without any `_bucket`, `_sum` or `_count` suffix.
    public var name: String
    /// The type from the `# TYPE` line, or `untyped`.
    public var type: MetricType
    /// The unescaped text of the `# HELP` line, when there is one.
    public var help: String?
    /// The samples in the order they were written.
    public var samples: [Sample]

    /// Creates a family.
    public init(name: String, type: MetricType = .untyped, help: String? = nil, samples: [Sample] = []) {
        self.name = name
        self.type = type
        self.help = help
        self.samples = samples
    }
}
