import AppCore
import Hummingbird
import TestSupport
import Testing

@Suite("GET / health check")
struct HealthControllerTests {
    @Test("simple-app answers 200 ok with its name")
    func simpleApp() async throws {
        let app = buildSimpleApplication(
            configuration: TestApps.configuration(redis: nil),
            logger: TestApps.quietLogger
        )
        try await app.withLoopbackServer { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == #"{"status":"ok","service":"simple-app"}"#)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        }
    }

    @Test("redis-app answers 200 with redis up when Redis answers PING")
    func redisUp() async throws {
        try await RedisServer.with { redis in
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let response = try await client.execute(uri: "/", method: .get)
                #expect(response.status == .ok)
                #expect(response.text == #"{"status":"ok","service":"redis-app","redis":"up"}"#)
            }
        }
    }

    @Test("redis-app answers 503 degraded when nothing listens at the Redis address")
    func redisDown() async throws {
        var configuration = TestApps.configuration(redis: nil)
        configuration.redisPort = try FreePort.next()
        let app = buildApplication(configuration: configuration, logger: TestApps.quietLogger)
        try await app.withLoopbackServer { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .serviceUnavailable)
            #expect(response.text == #"{"status":"degraded","service":"redis-app","redis":"down"}"#)
        }
    }

    @Test("HEAD / answers the GET status with no body")
    func head() async throws {
        let app = buildSimpleApplication(
            configuration: TestApps.configuration(redis: nil),
            logger: TestApps.quietLogger
        )
        try await app.withLoopbackServer { client in
            let response = try await client.execute(uri: "/", method: .head)
            #expect(response.status == .ok)
            #expect(response.body.readableBytes == 0)
        }
    }

    @Test("the instrumented app's name is in its health answer")
    func serviceName() async throws {
        try await RedisServer.with { redis in
            let app = buildApplication(
                configuration: TestApps.configuration(redis: redis),
                service: "instrumented-app",
                logger: TestApps.quietLogger
            )
            try await app.withLoopbackServer { client in
                let response = try await client.execute(uri: "/", method: .get)
                #expect(response.text == #"{"status":"ok","service":"instrumented-app","redis":"up"}"#)
            }
        }
    }
}
