import Exposition
import Foundation
import TestSupport
import Testing

/// What the app does when its Redis dies or stops answering, run against the built `instrumented-app`
/// as a process, with a `redis-server` of the test's own.
@Suite("Redis faults", .serialized)
struct RedisFaultTests {
    /// The app's Redis timeout in these tests.
    static let redisTimeoutMilliseconds = 300
    /// A request that takes longer than this counts as hung: the Redis timeout plus generous slack
    /// for a busy machine. It is a cut-off for "never answers", not a speed goal.
    static let hangSeconds = 5.0

    @Test("Redis killed under load: requests get 503 naming Redis, none hangs, the app recovers without a restart")
    func redisKilledUnderLoad() async throws {
        let redis = try await RedisServer.start(reusingEnvironment: false)
        defer { redis.shutdown() }
        let app = try await RunningApp.start(
            "instrumented-app",
            redis: redis,
            redisTimeoutMilliseconds: Self.redisTimeoutMilliseconds
        )
        defer { app.stop() }
        let created = try app.request("POST", "/items", body: #"{"key": "fault:kill", "value": "before"}"#)
        #expect(created.status == 201)

        let port = app.port
        let load = LoadLoop(workers: 4, maxPerWorker: 3000) {
            let connection = try RawHTTPConnection(port: port, timeout: Self.hangSeconds)
            try connection.send("GET /items/fault:kill HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return try connection.readResponse()
        }
        try await waitUntil { load.finishedCount >= 40 }
        try redis.stop()
        load.phase = 1
        let finishedAtKill = load.finishedCount
        try await waitUntil { load.finishedCount >= finishedAtKill + 40 }
        let outcomes = load.stop()

        let failures = outcomes.compactMap(\.failure)
        #expect(failures.isEmpty, "exchanges that failed or hung: \(failures.prefix(5))")
        let statuses = Set(outcomes.compactMap { $0.response?.status })
        #expect(statuses.isSubset(of: [200, 503]), "statuses seen: \(statuses.sorted())")
        let afterKill = outcomes.filter { $0.phase == 1 }.compactMap(\.response)
        let unavailable = outcomes.compactMap(\.response).filter { $0.status == 503 }
        #expect(!afterKill.isEmpty && afterKill.allSatisfy { $0.status == 503 })
        for response in unavailable.prefix(20) {
            let message = try #require(response.jsonError, "a 503 without a JSON error: \(response.text)")
            #expect(message.contains("127.0.0.1:\(redis.port)"), "the error does not name Redis: \(message)")
        }
        let slowest = outcomes.map(\.seconds).max() ?? 0
        print("redis killed: \(outcomes.count) requests, \(unavailable.count) got 503, slowest \(slowest) s")
        #expect(app.isRunning, "the app died: \(app.logTail())")

        let health = try app.request("GET", "/")
        #expect(health.status == 503)
        #expect(health.jsonObject?["redis"] as? String == "down")

        try await redis.restart()
        let stored = try app.request("POST", "/items", body: #"{"key": "fault:kill", "value": "after"}"#)
        #expect(stored.status == 201, "the first request after Redis returned: \(stored.status) \(stored.text)")
        for _ in 0..<20 {
            let read = try app.request("GET", "/items/fault:kill")
            #expect(read.status == 200)
            #expect(read.jsonObject?["value"] as? String == "after")
        }
        #expect(try app.request("GET", "/").status == 200)

        let families = try app.metrics()
        let errors = families.samples(named: "redis_app_redis_errors_total")
        let getErrors = errors.filter { $0.labels["command"]?.uppercased() == "GET" }.map(\.value).reduce(0, +)
        #expect(
            getErrors >= Double(unavailable.count),
            "redis_app_redis_errors_total{command=\"GET\"} is \(getErrors) after \(unavailable.count) failed GETs: \(errors)"
        )
        #expect(app.isRunning)
    }

    @Test("Redis paused past the timeout: 503 naming Redis, then every key reads its own value again")
    func redisPausedPastTheTimeout() async throws {
        let redis = try await RedisServer.start(reusingEnvironment: false)
        defer { redis.shutdown() }
        let app = try await RunningApp.start(
            "instrumented-app",
            redis: redis,
            redisTimeoutMilliseconds: Self.redisTimeoutMilliseconds
        )
        defer { app.stop() }
        let keys = (1...5).map { "fault:pause:\($0)" }
        for key in keys {
            #expect(try app.request("POST", "/items", body: #"{"key": "\#(key)", "value": "v-\#(key)"}"#).status == 201)
        }

        // Long enough that the app's 300 ms timeout must fire; an app that waits answers 200 after it.
        let pauseMilliseconds = 2500
        #expect(try redis.command(["CLIENT", "PAUSE", String(pauseMilliseconds), "ALL"]) == "+OK")
        let paused = Date()
        let read = try app.request("GET", "/items/\(keys[0])", timeout: Self.hangSeconds)
        let health = try app.request("GET", "/", timeout: Self.hangSeconds)
        let written = try app.request(
            "POST",
            "/items",
            body: #"{"key": "fault:pause:new", "value": "x"}"#,
            timeout: Self.hangSeconds
        )
        let during = Date().timeIntervalSince(paused)
        #expect(read.status == 503, "GET while Redis is paused: \(read.status) \(read.text)")
        #expect(read.jsonError?.contains("127.0.0.1:\(redis.port)") == true, "\(read.text)")
        #expect(health.status == 503, "GET / while Redis is paused: \(health.status) \(health.text)")
        #expect(written.status == 503, "POST while Redis is paused: \(written.status) \(written.text)")
        print("redis paused: three requests answered in \(during) s in all")

        // Wait out the pause (the server's own clock), then every reply must belong to its request:
        // a connection that timed out must not hand a late reply to the next command.
        try await Task.sleep(nanoseconds: UInt64(pauseMilliseconds + 500) * 1_000_000)
        for _ in 0..<3 {
            for key in keys {
                let response = try app.request("GET", "/items/\(key)")
                #expect(response.status == 200, "\(key) after the pause: \(response.status) \(response.text)")
                #expect(response.jsonObject?["value"] as? String == "v-\(key)", "\(key) read \(response.text)")
            }
        }
        #expect(try app.request("GET", "/").status == 200)
        let errors = try app.metrics().samples(named: "redis_app_redis_errors_total")
        #expect(errors.map(\.value).reduce(0, +) >= 3, "redis_app_redis_errors_total: \(errors)")
        #expect(app.isRunning, "the app died: \(app.logTail())")
    }
}
