import Logging
import RedisClient

/// Exercise 10's answer: a failed Redis command is an error line, a slow one a warning, each with the
/// fields an on-call engineer needs (the command, the error, where Redis is, how long it took); the app's
/// logger adds the request's trace id.
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

    /// Logs a failed command as an error and a slow one as a warning; nothing else.
    public func commandFinished(_ command: String, duration: Duration, error: RedisError?) {
        let level: Logger.Level
        if error != nil {
            level = .error
        } else if duration >= Self.slowThreshold {
            level = .warning
        } else {
            return
        }
        let (seconds, attoseconds) = duration.components
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "command": .string(command),
            "redis_address": .string(redisAddress),
            "duration_ms": .stringConvertible((milliseconds * 1000).rounded() / 1000),
        ]
        if let error { metadata["error"] = .string(error.description) }
        logger.log(level: level, error == nil ? "slow redis command" : "redis command failed", metadata: metadata)
    }
}
