import Logging
import RedisClient

/// Decides whether Redis is reachable, for the health check `GET /` (exercise 01).
///
/// `HealthController` asks it once per request and answers 200 when it says yes, 503 when it says no.
public protocol RedisHealthProbe: Sendable {
    /// True when `redis` answers; false when it is unreachable or too slow.
    func isRedisUp(_ redis: RedisClient, logger: Logger) async -> Bool
}
