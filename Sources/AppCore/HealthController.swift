import Hummingbird
import Logging
import NIOCore
import RedisClient

/// `GET /`: the health check.
///
/// Without Redis: `200 {"status":"ok","service":"simple-app"}`. With Redis, after a `PING`:
/// `200 {"status":"ok","service":"redis-app","redis":"up"}`, or
/// `503 {"status":"degraded","service":"redis-app","redis":"down"}` when Redis does not answer.
public struct HealthController: Sendable {
    /// The service name the answers carry, such as `redis-app`.
    public let service: String
    /// The Redis client to `PING`, or nil for an app without Redis.
    public let redis: RedisClient?

    private let healthy: ByteBuffer
    private let degraded: ByteBuffer

    /// Makes the controller of `service`, checking `redis` when there is one.
    public init(service: String, redis: RedisClient?) {
        self.service = service
        self.redis = redis
        let name = service.jsonQuoted
        if redis == nil {
            healthy = ByteBuffer(string: "{\"status\":\"ok\",\"service\":\(name)}")
        } else {
            healthy = ByteBuffer(string: "{\"status\":\"ok\",\"service\":\(name),\"redis\":\"up\"}")
        }
        degraded = ByteBuffer(
            string: "{\"status\":\"degraded\",\"service\":\(name),\"redis\":\"down\"}"
        )
    }

    /// Adds `GET /` (and HEAD, and 405 for other methods) to `router`.
    public func addRoutes(to router: Router<some RequestContext>) {
        router.get("/") { _, context in
            try await check(logger: context.logger)
        }
        router.rejectOtherMethods(on: "/", allowing: [.get])
    }

    /// The health answer, after a `PING` when the app uses Redis.
    func check(logger: Logger) async throws -> Response {
        guard let redis else { return Response.json(healthy) }
        do {
            try await redis.ping()
            return Response.json(healthy)
        } catch {
            logger.info("health check: Redis is down", metadata: ["error": "\(error)"])
            return Response.json(degraded, status: .serviceUnavailable)
        }
    }
}
