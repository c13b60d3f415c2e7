/// Why talking to Prometheus (or fetching an exposition) failed.
public struct LiveError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the URL.
    public var description: String

    /// Makes an error.
    public init(_ description: String) {
        self.description = description
    }
}
