import AppCore
import Hummingbird
import TestSupport
import Testing

@Suite("When Redis is stopped, frozen or restarted")
struct RedisOutageTests {
    @Test(
        "Redis stopped mid-run: 503 naming the address, then recovery after restart without restarting the app"
    )
    func stoppedThenRestarted() async throws {
        try await RedisServer.with(reusingEnvironment: false) { redis in
            let key = RedisServer.makeKeyPrefix() + "user:1"
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let created = try await client.execute(
                    uri: "/items",
                    method: .post,
                    headers: .json,
                    body: #"{"key":"\#(key)","value":"Folan"}"#.buffer
                )
                #expect(created.status == .created)

                try redis.stop()
                let health = try await client.execute(uri: "/", method: .get)
                #expect(health.status == .serviceUnavailable)
                #expect(health.text == #"{"status":"degraded","service":"redis-app","redis":"down"}"#)
                let unreachable =
                    #"{"error":"Redis at \#(redis.address) is unreachable: Connection refused"}"#
                let read = try await client.execute(uri: "/items/\(key)", method: .get)
                #expect(read.status == .serviceUnavailable)
                #expect(read.text == unreachable)
                let write = try await client.execute(
                    uri: "/items",
                    method: .post,
                    headers: .json,
                    body: #"{"key":"\#(key)","value":"again"}"#.buffer
                )
                #expect(write.status == .serviceUnavailable)
                #expect(write.text == unreachable)
                let list = try await client.execute(uri: "/items", method: .get)
                #expect(list.status == .serviceUnavailable)
                #expect(list.text == unreachable)

                try await redis.restart()
                let healthAgain = try await client.execute(uri: "/", method: .get)
                #expect(healthAgain.status == .ok)
                let writeAgain = try await client.execute(
                    uri: "/items",
                    method: .post,
                    headers: .json,
                    body: #"{"key":"\#(key)","value":"again"}"#.buffer
                )
                #expect(writeAgain.status == .created)
                let readAgain = try await client.execute(uri: "/items/\(key)", method: .get)
                #expect(readAgain.status == .ok)
                #expect(readAgain.text == #"{"key":"\#(key)","value":"again"}"#)
            }
        }
    }

    @Test("Redis frozen: requests answer 503 once the Redis timeout passes, naming the address")
    func frozen() async throws {
        try await RedisServer.with(reusingEnvironment: false) { redis in
            let key = RedisServer.makeKeyPrefix() + "k"
            try await TestApps.redisApp(redis, timeout: .milliseconds(300)).withLoopbackServer { client in
                #expect(try await client.execute(uri: "/", method: .get).status == .ok)
                try redis.suspend()
                let read = try await client.execute(uri: "/items/\(key)", method: .get)
                #expect(read.status == .serviceUnavailable)
                #expect(read.text == #"{"error":"Redis at \#(redis.address) did not answer in time"}"#)
                let health = try await client.execute(uri: "/", method: .get)
                #expect(health.status == .serviceUnavailable)
                try redis.resume()
                let readAgain = try await client.execute(uri: "/items/\(key)", method: .get)
                #expect(readAgain.status == .notFound)
                #expect(try await client.execute(uri: "/", method: .get).status == .ok)
            }
        }
    }

    @Test("a Redis error reply (a key of another type) answers 502 with Redis's message")
    func wrongType() async throws {
        try await RedisServer.with { redis in
            let key = RedisServer.makeKeyPrefix() + "list"
            _ = try redis.command(["RPUSH", key, "x"])
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let response = try await client.execute(uri: "/items/\(key)", method: .get)
                #expect(response.status == .badGateway)
                #expect(
                    response.text
                        == #"{"error":"Redis answered with an error: WRONGTYPE Operation against a key holding the wrong kind of value"}"#
                )
            }
        }
    }

    @Test("a missing redis-server binary fails with a message saying what to install")
    func missingServerBinary() async throws {
        let error = await #expect(throws: TestSupportError.self) {
            try await RedisServer.start(
                reusingEnvironment: false,
                executableName: "redis-server-not-installed"
            )
        }
        #expect(error?.description.contains("apt-get install redis-server") == true)
    }
}
