import AppTracing
import Hummingbird
import Logging
import NIOCore
import RedisClient

/// `GET /`: the health check.
///
/// Without Redis: `200 {"status":"ok","service":"simple-app"}`. With Redis, after a `PING`:
/// `200 {"status":"ok","service":"redis-app","redis":"up"}`, or
/// `503 {"status":"degraded","service":"redis-app","redis":"down"}` when Redis does not answer.
/// While faults are injected, both answers carry them:
/// `..."faults":{"latency_ms":200,"latency_ratio":0.2,"error_ratio":0}}`.
/// This is the readiness check: an instance that cannot reach Redis should get no traffic.
///
/// `GET /healthz`: the liveness check, `200 {"status":"ok","service":"redis-app"}` while the
/// process serves HTTP, whatever Redis does (restarting the app would not bring Redis back).
public struct HealthController: Sendable {
    /// The service name the answers carry, such as `redis-app`.
    public let service: String
    /// The Redis client to check, or nil for an app without Redis.
    public let redis: RedisClient?
    /// Decides whether Redis is up (exercise 01); `PingHealthProbe` unless an app passes its own.
    public let probe: any RedisHealthProbe
    /// The faults the app injects, reported while any is on.
    public let faults: FaultConfiguration

    private let healthy: ByteBuffer
    private let degraded: ByteBuffer
    private let alive: ByteBuffer

    /// Makes the controller of `service`, checking `redis` with `probe` when there is one and reporting
    /// `faults` while any is on.
    public init(
        service: String,
        redis: RedisClient?,
        probe: any RedisHealthProbe = PingHealthProbe(),
        faults: FaultConfiguration = .none
    ) {
        self.service = service
        self.redis = redis
        self.probe = probe
        self.faults = faults
        let name = service.jsonQuoted
        let faultField = faults.isActive ? ",\"faults\":\(faults.json)" : ""
        alive = ByteBuffer(string: "{\"status\":\"ok\",\"service\":\(name)}")
        if redis == nil {
            healthy = ByteBuffer(string: "{\"status\":\"ok\",\"service\":\(name)\(faultField)}")
        } else {
            healthy = ByteBuffer(
                string: "{\"status\":\"ok\",\"service\":\(name),\"redis\":\"up\"\(faultField)}"
            )
        }
        degraded = ByteBuffer(
            string: "{\"status\":\"degraded\",\"service\":\(name),\"redis\":\"down\"\(faultField)}"
        )
    }

    /// Adds `GET /` and `GET /healthz` (and HEAD, and 405 for other methods) to `router`.
    public func addRoutes(to router: Router<some RequestContext>) {
        router.get("/") { _, context in
            try await check(logger: context.logger)
        }
        router.rejectOtherMethods(on: "/", allowing: [.get])
        router.get("/healthz") { [alive] _, _ in
            Response.json(alive)
        }
        router.rejectOtherMethods(on: "/healthz", allowing: [.get])
    }

    /// The health answer, after asking the probe when the app uses Redis.
    func check(logger: Logger) async throws -> Response {
        guard let redis else { return Response.json(healthy) }
        if await probe.isRedisUp(redis, logger: logger) {
            return Response.json(healthy)
        }
        return Response.json(degraded, status: .serviceUnavailable)
    }
}
