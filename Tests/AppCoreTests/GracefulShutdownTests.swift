import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Graceful shutdown of the built apps")
struct GracefulShutdownTests {
    // The 16 threads move in step (every request takes 300 ms), so SIGTERM often lands while a
    // round of connections has just been accepted and their requests are still unread: without
    // QuiesceGraceHandler those connections were closed as idle and the clients saw a reset.
    @Test("SIGTERM under load finishes every in-flight request, then the app exits 0")
    func sigtermUnderLoad() async throws {
        try await RedisServer.with { redis in
            let port = try FreePort.next()
            // Every item request takes at least 300 ms, so the 16 threads always have requests in
            // flight when SIGTERM arrives.
            let app = try await ManagedProcess.start(
                executable: try Repository.builtExecutable("redis-app"),
                arguments: [],
                environment: [
                    "HTTP_PORT": "\(port)", "REDIS_HOST": redis.host, "REDIS_PORT": "\(redis.port)",
                    "FAULT_LATENCY_MS": "300",
                ],
                waitingForPort: port
            )
            defer { app.stop() }
            let load = LoadLoop(threads: 16, port: port, path: "/items")
            // Let the load run until at least a few rounds of requests have been answered.
            var waited = 0
            while load.current.succeeded < 32, waited < 600 {
                try await Task.sleep(for: .milliseconds(50))
                waited += 1
            }
            let before = load.current
            #expect(before.succeeded >= 32)
            let signalled = ContinuousClock.now
            app.send(SIGTERM)
            let status = app.waitForExit()
            let shutdown = ContinuousClock.now - signalled
            // After the exit, the threads' next connections are refused and they end.
            let outcome = load.waitUntilFinished()
            let milliseconds =
                Double(shutdown.components.seconds) * 1000 + Double(shutdown.components.attoseconds) / 1e15
            print(
                "graceful shutdown: SIGTERM to exit \(Int(milliseconds.rounded())) ms, "
                    + "\(outcome.succeeded - before.succeeded) requests answered after the signal, "
                    + "\(outcome.failed) failed, \(outcome.refused) refused after the listener closed"
            )
            #expect(status == 0, "\(app.log().suffix(2000))")
            #expect(outcome.failed == 0, "\(outcome.failures)")
            // The requests in flight at the signal were answered.
            #expect(outcome.succeeded > before.succeeded)
            #expect(!FreePort.isAccepting(port))
        }
    }
}
