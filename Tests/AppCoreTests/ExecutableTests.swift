import AppCore
import Foundation
import TestSupport
import Testing

@Suite("The built executables")
struct ExecutableTests {
    @Test(
        "a bad value stops the app at start with one line naming it and exit code 2",
        arguments: [
            (
                "redis-app", [String](), ["HTTP_PORT": "abc"],
                "redis-app: HTTP_PORT must be a port number from 1 to 65535, got 'abc'"
            ),
            (
                "redis-app", [], ["HTTP_PORT": "70000"],
                "redis-app: HTTP_PORT must be a port number from 1 to 65535, got '70000'"
            ),
            (
                "redis-app", ["--redis-port", "abc"], [:],
                "redis-app: --redis-port (REDIS_PORT) must be a port number from 1 to 65535, got 'abc'"
            ),
            (
                "redis-app", [], ["REDIS_TIMEOUT_MS": "-3"],
                "redis-app: REDIS_TIMEOUT_MS must be a number of milliseconds from 1 to 60000, got '-3'"
            ),
            (
                "simple-app", [], ["HTTP_PORT": "abc"],
                "simple-app: HTTP_PORT must be a port number from 1 to 65535, got 'abc'"
            ),
            (
                "redis-app", [], ["LOG_FORMAT": "yaml"],
                "redis-app: LOG_FORMAT must be json or text, got 'yaml'"
            ),
            (
                "instrumented-app", [], ["OTEL_EXPORTER_OTLP_ENDPOINT": "https://tempo:4318"],
                "instrumented-app: OTEL_EXPORTER_OTLP_ENDPOINT must be an http://host:port address of an OTLP/HTTP receiver, got 'https://tempo:4318'"
            ),
            (
                "instrumented-app", [], ["LOG_LEVEL": "loud"],
                "instrumented-app: LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical, got 'loud'"
            ),
        ]
    )
    func badValue(
        app: String,
        arguments: [String],
        environment: [String: String],
        message: String
    )
        async throws
    {
        let result = try await ManagedProcess.run(
            executable: try Repository.builtExecutable(app),
            arguments: arguments,
            environment: environment
        )
        #expect(result.status == 2)
        #expect(result.output == message + "\n")
    }

    @Test("an unknown option is one line on stderr and exit code 2")
    func unknownOption() async throws {
        let result = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("redis-app"),
            arguments: ["--no-such-option"]
        )
        #expect(result.status == 2)
        #expect(result.output.hasPrefix("redis-app: "))
        #expect(result.output.contains("--no-such-option"))
        #expect(result.output.filter { $0 == "\n" }.count == 1)
    }

    @Test("--help lists every option with its variable and default, and exits 0")
    func help() async throws {
        let result = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("redis-app"),
            arguments: ["--help"]
        )
        #expect(result.status == 0)
        for expected in [
            "--http-host", "HTTP_HOST", "127.0.0.1", "--http-port", "HTTP_PORT", "9000", "--redis-host",
            "REDIS_HOST",
            "--redis-port", "REDIS_PORT", "6379", "--redis-timeout-ms", "REDIS_TIMEOUT_MS", "1000",
            "--log-level",
            "LOG_LEVEL", "info",
        ] {
            #expect(result.output.contains(expected), "missing \(expected) in:\n\(result.output)")
        }
    }

    @Test(
        "redis-app serves the items API on HTTP_PORT against REDIS_PORT and stops cleanly on SIGTERM"
    )
    func servesAndStops() async throws {
        try await RedisServer.with { redis in
            let port = try FreePort.next()
            let app = try await ManagedProcess.start(
                executable: try Repository.builtExecutable("redis-app"),
                arguments: [],
                environment: [
                    "HTTP_PORT": String(port), "REDIS_HOST": redis.host, "REDIS_PORT": String(redis.port),
                ],
                waitingForPort: port
            )
            let key = RedisServer.makeKeyPrefix() + "user:1"
            let health = try HTTPProbe.request("GET", "/", port: port)
            #expect(health.status == 200)
            #expect(health.body == #"{"status":"ok","service":"redis-app","redis":"up"}"#)
            let created = try HTTPProbe.request(
                "POST",
                "/items",
                port: port,
                body: #"{"key":"\#(key)","value":"Folan"}"#
            )
            #expect(created.status == 201)
            let read = try HTTPProbe.request("GET", "/items/\(key)", port: port)
            #expect(read.status == 200)
            #expect(read.body == #"{"key":"\#(key)","value":"Folan"}"#)
            #expect(read.headers["content-type"] == "application/json; charset=utf-8")
            app.send(SIGTERM)
            #expect(app.waitForExit() == 0)
        }
    }

    @Test(
        "workshop-app listens on 9001 when nothing names a port, and its --help says so",
        .enabled(
            if: !FreePort.isAccepting(WorkshopAppHTTPPort.httpPort),
            "something on this machine already listens on 127.0.0.1:9001"
        )
    )
    func workshopAppDefaultPort() async throws {
        let help = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("workshop-app"),
            arguments: ["--help"]
        )
        #expect(help.status == 0)
        // The help wraps its lines: compare with runs of spaces and line breaks as one space.
        let words = help.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("(env HTTP_PORT, default 9001)"), "\(help.output)")
        try await RedisServer.with { redis in
            let app = try await ManagedProcess.start(
                executable: try Repository.builtExecutable("workshop-app"),
                arguments: [],
                environment: [
                    "HTTP_HOST": "127.0.0.1", "REDIS_HOST": redis.host, "REDIS_PORT": String(redis.port),
                    "LOG_LEVEL": "warning",
                ],
                removingEnvironment: ["HTTP_PORT"],
                waitingForPort: 9001
            )
            defer { app.stop() }
            let health = try HTTPProbe.request("GET", "/", port: 9001)
            #expect(health.status == 200)
            #expect(health.body.contains(#""service":"workshop-app""#), "\(health.body)")
        }
    }

    @Test("simple-app serves its health check")
    func simpleApp() async throws {
        let port = try FreePort.next()
        let app = try await ManagedProcess.start(
            executable: try Repository.builtExecutable("simple-app"),
            arguments: ["--http-port", String(port)],
            waitingForPort: port
        )
        let health = try HTTPProbe.request("GET", "/", port: port)
        #expect(health.status == 200)
        #expect(health.body == #"{"status":"ok","service":"simple-app"}"#)
        app.stop()
    }
}
