import Logging
import RedisClient

/// The health probe every app uses (and the reference answer to exercise 01): Redis is up when it
/// answers `PING`.
public struct PingHealthProbe: RedisHealthProbe {
    /// Makes the probe.
    public init() {}

    /// Sends `PING`; any error (refused, timed out, unreadable) means Redis is down.
    public func isRedisUp(_ redis: RedisClient, logger: Logger) async -> Bool {
        do {
            try await redis.ping()
            return true
        } catch {
            logger.info("health check: Redis is down", metadata: ["error": "\(error)"])
            return false
        }
    }
}
