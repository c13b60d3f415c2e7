/// What one server of a run got: requests sent to it, its answers and their latencies.
public struct TargetCount: Sendable, Codable, Equatable {
    /// The server, as `http://host:port[/base]`.
    public var url: String
    /// Requests written on a connection to this server.
    public var sent: Int
    /// Responses this server sent.
    public var completed: Int
    /// Latency percentiles over this server's responses.
    public var latency: LatencySummary

    /// Makes a count.
    public init(url: String, sent: Int, completed: Int, latency: LatencySummary) {
        self.url = url
        self.sent = sent
        self.completed = completed
        self.latency = latency
    }
}
