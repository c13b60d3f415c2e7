import AppCore
import Logging
import RedisClient

/// Exercise 01: decides what `GET /` says about Redis.
///
/// The app answers `200 {"status":"ok",...,"redis":"up"}` when this returns true and
/// `503 {"status":"degraded",...,"redis":"down"}` when it returns false.
public struct HealthCheck: RedisHealthProbe {
    /// Makes the probe.
    public init() {}

    /// True when Redis answers.
    public func isRedisUp(_ redis: RedisClient, logger: Logger) async -> Bool {
        // TODO(01): ask Redis whether it is there: `try await redis.ping()` returns when Redis answers
        // and throws when it is unreachable or too slow. Return false when it throws (and log why at
        // info level). As shipped, the app claims Redis is up even when it is down.
        return true
    }
}
