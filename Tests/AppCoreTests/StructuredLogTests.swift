import Foundation
import TestSupport
import Testing

@Suite("The built app's log lines")
struct StructuredLogTests {
    /// Starts `redis-app` with `environment`, sends a few requests, stops it, and returns what it wrote.
    private func output(environment: [String: String]) async throws -> String {
        try await RedisServer.with { redis in
            let port = try FreePort.next()
            let app = try await ManagedProcess.start(
                executable: try Repository.builtExecutable("redis-app"),
                arguments: [],
                environment: [
                    "HTTP_HOST": "127.0.0.1", "HTTP_PORT": String(port),
                    "REDIS_HOST": redis.host, "REDIS_PORT": String(redis.port),
                ].merging(environment) { _, given in given },
                waitingForPort: port
            )
            defer { app.stop() }
            let key = RedisServer.makeKeyPrefix() + "log"
            #expect(
                try HTTPProbe.request("POST", "/items", port: port, body: #"{"key":"\#(key)","value":"v"}"#).status
                    == 201
            )
            #expect(try HTTPProbe.request("GET", "/items/\(key)", port: port).status == 200)
            #expect(try HTTPProbe.request("GET", "/items/\(key)-missing", port: port).status == 404)
            #expect(try HTTPProbe.request("GET", "/items?limit=0", port: port).status == 400)
            app.stop()
            return app.log()
        }
    }

    @Test("LOG_FORMAT=json: every line is a JSON object, one per request with method, route, status and duration")
    func json() async throws {
        let text = try await output(environment: ["LOG_FORMAT": "json", "LOG_LEVEL": "debug"])
        var requests: [[String: Any]] = []
        for line in text.split(separator: "\n") {
            let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let fields = try #require(parsed, "not a JSON object: \(line)")
            #expect(fields["service"] as? String == "redis-app")
            #expect(fields["time"] is String && fields["level"] is String && fields["message"] is String)
            if fields["message"] as? String == "request" { requests.append(fields) }
        }
        let seen = requests.map { "\($0["method"] ?? "") \($0["route"] ?? "") \($0["status"] ?? "")" }
        #expect(seen == ["POST /items 201", "GET /items/{key} 200", "GET /items/{key} 404", "GET /items 400"])
        #expect(requests.allSatisfy { $0["duration_ms"] is NSNumber && $0["trace_id"] == nil })
    }

    @Test("at the default level, answered requests are not logged; with LOG_FORMAT=text the lines are text")
    func textAndLevel() async throws {
        let text = try await output(environment: ["LOG_FORMAT": "text"])
        #expect(!text.contains("request"), "\(text)")
        #expect(!text.isEmpty)
        #expect(text.split(separator: "\n").allSatisfy { !$0.hasPrefix("{") }, "\(text)")
    }
}
