/// What an instant query returned.
public enum InstantQueryOutcome: Sendable, Equatable {
    /// A result with this many series (or one scalar/string value).
    case data(count: Int)
    /// An empty vector.
    case empty
    /// Prometheus's error (`bad_data`, `execution`, ...) and its message.
    case error(type: String, message: String)
}
