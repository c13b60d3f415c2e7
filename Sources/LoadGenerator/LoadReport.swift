/// The outcome of a load run: what was sent, what came back, how fast and how long it took.
public struct LoadReport: Sendable, Codable, Equatable {
    /// The server that was loaded, or the servers separated by spaces.
    public var target: String
    /// Per server, in the order the requests went round them (one entry for a single server).
    public var targets: [TargetCount]
    /// The configured duration, in seconds.
    public var durationSeconds: Double
    /// The configured rate, in requests per second.
    public var rate: Double
    /// The configured concurrency.
    public var concurrency: Int
    /// Requests the schedule planned (duration × rate).
    public var planned: Int
    /// Requests written on a connection.
    public var sent: Int
    /// Requests written on a connection before the duration was over.
    public var sentInTime: Int
    /// `sentInTime` / duration: the rate the server really saw.
    public var achievedRate: Double
    /// Responses received.
    public var completed: Int
    /// Responses by HTTP status code ("200", "404", ...).
    public var statusCounts: [String: Int]
    /// Requests that failed without a response (connection refused, reset, ...), by reason.
    public var transportErrors: [String: Int]
    /// Transport errors plus 5xx responses.
    public var errors: Int
    /// Planned requests never sent because every connection stayed busy for too long.
    public var dropped: Int
    /// Requests still waiting or in flight when the drain time ran out.
    public var unfinished: Int
    /// Per kind: sent, and answers the kind does not expect.
    public var kinds: [String: KindCount]
    /// Latency percentiles over every response, whichever server sent it.
    public var latency: LatencySummary
    /// Wall time of the whole run, drain included, in seconds.
    public var elapsedSeconds: Double
    /// The first 16 hex digits of the trace id of every request of the run (its `traceparent`), if known.
    public var traceIDPrefix: String?

    /// Makes a report.
    public init(
        target: String,
        durationSeconds: Double,
        rate: Double,
        concurrency: Int,
        planned: Int,
        sent: Int,
        sentInTime: Int,
        completed: Int,
        statusCounts: [String: Int],
        transportErrors: [String: Int],
        dropped: Int,
        unfinished: Int,
        kinds: [String: KindCount],
        latency: LatencySummary,
        elapsedSeconds: Double,
        traceIDPrefix: String? = nil,
        targets: [TargetCount] = []
    ) {
        self.target = target
        self.targets = targets
        self.durationSeconds = durationSeconds
        self.rate = rate
        self.concurrency = concurrency
        self.planned = planned
        self.sent = sent
        self.sentInTime = sentInTime
        self.achievedRate = durationSeconds > 0 ? Double(sentInTime) / durationSeconds : 0
        self.completed = completed
        self.statusCounts = statusCounts
        self.transportErrors = transportErrors
        let serverErrors = statusCounts.filter { ($0.key.first ?? " ") == "5" }.values.reduce(0, +)
        self.errors = transportErrors.values.reduce(0, +) + serverErrors
        self.dropped = dropped
        self.unfinished = unfinished
        self.kinds = kinds
        self.latency = latency
        self.elapsedSeconds = elapsedSeconds
        self.traceIDPrefix = traceIDPrefix
    }

    /// The number of responses whose status is in `range` (for example `500...599`).
    public func responses(in range: ClosedRange<Int>) -> Int {
        statusCounts.filter { Int($0.key).map(range.contains) ?? false }.values.reduce(0, +)
    }
}
