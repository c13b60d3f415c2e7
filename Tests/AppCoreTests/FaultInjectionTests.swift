import Foundation
import TestSupport
import Testing

@Suite("Fault injection in the built apps")
struct FaultInjectionTests {
    @Test(
        "a bad fault setting stops the app at start with one line naming it and exit code 2",
        arguments: [
            (
                ["FAULT_LATENCY_MS": "abc"],
                "FAULT_LATENCY_MS must be a number of milliseconds from 1 to 60000, got 'abc'"
            ),
            (["FAULT_LATENCY_MS": "0"], "FAULT_LATENCY_MS must be a number of milliseconds from 1 to 60000, got '0'"),
            (
                ["FAULT_LATENCY_MS": "200", "FAULT_LATENCY_RATIO": "1.5"],
                "FAULT_LATENCY_RATIO must be a fraction from 0 to 1, got '1.5'"
            ),
            (
                ["FAULT_LATENCY_RATIO": "0.2"],
                "FAULT_LATENCY_RATIO must be set together with FAULT_LATENCY_MS, got '0.2'"
            ),
            (["FAULT_ERROR_RATIO": "-0.1"], "FAULT_ERROR_RATIO must be a fraction from 0 to 1, got '-0.1'"),
            (["FAULT_ERROR_RATIO": "nan"], "FAULT_ERROR_RATIO must be a fraction from 0 to 1, got 'nan'"),
        ]
    )
    func badSetting(environment: [String: String], message: String) async throws {
        let result = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("redis-app"),
            arguments: [],
            environment: environment
        )
        #expect(result.status == 2)
        #expect(result.output == "redis-app: \(message)\n")
    }

    @Test("without fault variables the health answer has no faults and no request fails")
    func noFaultsByDefault() async throws {
        try await RedisServer.with { redis in
            let app = try await Self.startApp(redis: redis, faults: [:])
            defer { app.stop() }
            let health = try HTTPProbe.request("GET", "/", port: app.port)
            #expect(health.status == 200)
            #expect(health.body == "{\"status\":\"ok\",\"service\":\"redis-app\",\"redis\":\"up\"}")
            for _ in 0..<20 {
                #expect(try HTTPProbe.request("GET", "/items", port: app.port).status == 200)
            }
        }
    }

    @Test("FAULT_ERROR_RATIO=1 answers every item request 500 with a JSON error saying it was injected")
    func everyItemRequestFails() async throws {
        try await RedisServer.with { redis in
            let app = try await Self.startApp(redis: redis, faults: ["FAULT_ERROR_RATIO": "1"])
            defer { app.stop() }
            for (method, path, body) in [
                ("GET", "/items", nil), ("GET", "/items/user:1", nil),
                ("POST", "/items", "{\"key\":\"user:1\",\"value\":\"Folan\"}"),
            ] {
                let answer = try HTTPProbe.request(method, path, port: app.port, body: body)
                #expect(answer.status == 500, "\(method) \(path)")
                #expect(answer.body.hasPrefix("{\"error\":\"injected fault: FAULT_ERROR_RATIO=1.0"), "\(answer.body)")
            }
            // Probes are not failed, and the health answer says faults are on.
            let health = try HTTPProbe.request("GET", "/", port: app.port)
            #expect(health.status == 200)
            #expect(
                health.body
                    == "{\"status\":\"ok\",\"service\":\"redis-app\",\"redis\":\"up\","
                    + "\"faults\":{\"latency_ms\":null,\"latency_ratio\":0.0,\"error_ratio\":1.0}}"
            )
            #expect(try HTTPProbe.request("GET", "/healthz", port: app.port).status == 200)
            // Nothing was written: the POST failed before reaching Redis.
            #expect(try redis.command(["EXISTS", "user:1"]) == ":0")
        }
    }

    @Test("FAULT_ERROR_RATIO=0.5 fails about half of the item requests and no others")
    func halfTheItemRequestsFail() async throws {
        try await RedisServer.with { redis in
            let app = try await Self.startApp(redis: redis, faults: ["FAULT_ERROR_RATIO": "0.5"])
            defer { app.stop() }
            var failed = 0
            let total = 200
            for _ in 0..<total {
                let answer = try HTTPProbe.request("GET", "/items", port: app.port)
                #expect(answer.status == 200 || answer.status == 500)
                if answer.status == 500 { failed += 1 }
            }
            // Binomial(200, 0.5): mean 100, standard deviation about 7; 60...140 is more than five
            // deviations either side.
            #expect((60...140).contains(failed), "\(failed) of \(total) failed")
            for _ in 0..<20 {
                #expect(try HTTPProbe.request("GET", "/", port: app.port).status == 200)
            }
        }
    }

    @Test("FAULT_LATENCY_MS delays item requests by at least that long, and the health answer says so")
    func latencyDelaysRequests() async throws {
        try await RedisServer.with { redis in
            let app = try await Self.startApp(redis: redis, faults: ["FAULT_LATENCY_MS": "250"])
            defer { app.stop() }
            for _ in 0..<5 {
                let start = ContinuousClock.now
                #expect(try HTTPProbe.request("GET", "/items/none", port: app.port).status == 404)
                // A lower bound only: the app sleeps at least this long before answering.
                #expect(ContinuousClock.now - start >= .milliseconds(250))
            }
            let health = try HTTPProbe.request("GET", "/", port: app.port)
            #expect(health.body.hasSuffix("\"faults\":{\"latency_ms\":250,\"latency_ratio\":1.0,\"error_ratio\":0.0}}"))
        }
    }

    @Test("GET /healthz answers 200 while Redis is down; GET / answers 503")
    func livenessIgnoresRedis() async throws {
        try await RedisServer.with(reusingEnvironment: false) { redis in
            let app = try await Self.startApp(redis: redis, faults: ["REDIS_TIMEOUT_MS": "200"])
            defer { app.stop() }
            #expect(try HTTPProbe.request("GET", "/", port: app.port).status == 200)
            try redis.stop()
            let liveness = try HTTPProbe.request("GET", "/healthz", port: app.port)
            #expect(liveness.status == 200)
            #expect(liveness.body == "{\"status\":\"ok\",\"service\":\"redis-app\"}")
            #expect(try HTTPProbe.request("GET", "/", port: app.port).status == 503)
        }
    }

    /// A `redis-app` process on a free port.
    struct RunningApp {
        let process: ManagedProcess
        let port: Int
        func stop() { process.stop() }
    }

    static func startApp(redis: RedisServer, faults: [String: String]) async throws -> RunningApp {
        let port = try FreePort.next()
        var environment = faults
        environment["HTTP_PORT"] = "\(port)"
        environment["REDIS_HOST"] = redis.host
        environment["REDIS_PORT"] = "\(redis.port)"
        let process = try await ManagedProcess.start(
            executable: try Repository.builtExecutable("redis-app"),
            arguments: [],
            environment: environment,
            waitingForPort: port
        )
        return RunningApp(process: process, port: port)
    }
}
