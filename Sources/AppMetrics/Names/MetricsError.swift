/// A metric that cannot be created as asked: a malformed name or a name another family already uses.
public struct MetricsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the metric.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
