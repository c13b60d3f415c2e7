import Logging
import RedisClient

/// Exercise 10: one log line for each Redis command an on-call engineer must hear about.
///
/// `RedisClient` calls `commandFinished` once per command, in the request's task, so a line logged here
/// carries the request's `trace_id` and `span_id` by itself (the app's logger adds them).
public struct RedisCommandLog: RedisCommandObserver {
    /// A command at least this slow is worth a warning.
    public static let slowThreshold: Duration = .milliseconds(100)

    /// The app's logger.
    public let logger: Logger
    /// Where Redis is, `host:port`.
    public let redisAddress: String

    /// Makes the log.
    public init(logger: Logger, redisAddress: String) {
        self.logger = logger
        self.redisAddress = redisAddress
    }

    /// Called once per command, with its duration and its error if it failed.
    public func commandFinished(_ command: String, duration: Duration, error: RedisError?) {
        // TODO(10): a failed command (error is not nil) is one line at level error, a command slower than
        // `Self.slowThreshold` one line at level warning, any other command nothing at info or above.
        // Give the line a constant message and these metadata fields: "command" (the name), "error"
        // (the error's description, for a failure), "redis_address" and "duration_ms" (a number:
        // `.stringConvertible(milliseconds)`). As shipped, nothing is logged.
    }
}
