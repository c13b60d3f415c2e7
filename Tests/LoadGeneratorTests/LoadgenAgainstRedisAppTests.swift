import Foundation
import LoadGenerator
import TestSupport
import Testing

@Suite("loadgen against the real redis-app and Redis")
struct LoadgenAgainstRedisAppTests {
    @Test("every request of the mix gets the answer its kind expects from redis-app")
    func mixAgainstRedisApp() async throws {
        let executable = try Repository.builtExecutable("redis-app")
        try await RedisServer.with { redis in
            let port = try FreePort.next()
            let app = try await ManagedProcess.start(
                executable: executable,
                arguments: [],
                environment: [
                    "HTTP_HOST": "127.0.0.1", "HTTP_PORT": String(port),
                    "REDIS_HOST": redis.host, "REDIS_PORT": String(redis.port), "LOG_LEVEL": "error",
                ],
                waitingForPort: port
            )
            defer { app.stop() }
            let options = LoadOptions(
                target: TargetURL(host: "127.0.0.1", port: port),
                durationSeconds: 3,
                rate: 100,
                concurrency: 8,
                seed: UInt64.random(in: 1...UInt64.max),
                drainSeconds: LoadGeneratorTests.drain
            )
            let report = try await LoadGenerator.run(options)
            #expect(report.sent == 300 && report.completed == 300)
            #expect(report.transportErrors.isEmpty)
            #expect(report.errors == 0, "\(report.statusCounts)")
            for kind in [RequestKind.list, .hit, .miss, .write, .health, .malformed] {
                let count = report.kinds[kind.rawValue]
                #expect((count?.sent ?? 0) > 0, "no \(kind) request in 300")
                #expect(count?.unexpected == 0, "\(kind): \(count?.unexpected ?? -1) unexpected statuses")
            }
            #expect(report.statusCounts["201"] == report.kinds["write"]?.sent)
            #expect(app.isRunning)
        }
    }
}
