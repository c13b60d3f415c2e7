/// One line of samples in an exposition: a series name, its labels, its value and an optional timestamp.
public struct Sample: Sendable, Hashable {
    /// The series name as written, with its suffix (`x_bucket`, `x_sum`, `x_count`).
    public var name: String
    /// The labels, unescaped.
    public var labels: [String: String]
    /// The value; `+Inf`, `-Inf` and `NaN` are parsed as the matching `Double`.
    public var value: Double
    /// The timestamp in milliseconds since the epoch, when the line carries one.
    public var timestamp: Int64?

    /// Creates a sample.
    public init(name: String, labels: [String: String] = [:], value: Double, timestamp: Int64? = nil) {
        self.name = name
        self.labels = labels
        self.value = value
        self.timestamp = timestamp
    }
}
