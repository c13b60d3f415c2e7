/// A snapshot of a run in progress, for a progress bar.
public struct LoadProgress: Sendable, Equatable {
    /// Seconds since the first request was due.
    public var elapsedSeconds: Double
    /// The configured duration, in seconds.
    public var durationSeconds: Double
    /// Requests written so far.
    public var sent: Int
    /// Responses received so far.
    public var completed: Int
    /// Transport errors and 5xx responses so far.
    public var errors: Int
    /// Whether this is the last snapshot of the run.
    public var isFinal: Bool

    /// Makes a snapshot.
    public init(elapsedSeconds: Double, durationSeconds: Double, sent: Int, completed: Int, errors: Int, isFinal: Bool)
    {
        self.elapsedSeconds = elapsedSeconds
        self.durationSeconds = durationSeconds
        self.sent = sent
        self.completed = completed
        self.errors = errors
        self.isFinal = isFinal
    }

    /// One line with a bar, for a terminal: `[#####-----]  12.0/60.0 s  sent 600  errors 0`.
    public func renderLine(width: Int = 30) -> String {
        let fraction = durationSeconds > 0 ? min(1, max(0, elapsedSeconds / durationSeconds)) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let shownElapsed = min(elapsedSeconds, durationSeconds)
        return "[\(bar)] \(format(shownElapsed))/\(format(durationSeconds)) s  sent \(sent)  "
            + "answered \(completed)  errors \(errors)"
    }

    private func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
