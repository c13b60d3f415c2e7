import Foundation
import HTTPTypes
import NIOCore
import TestSupport
import Testing

/// One span as `scripts/otlp-receiver` writes it, decoded with opentelemetry-proto's classes.
private struct ReceivedSpan: Decodable {
    var service: String
    var traceID: String
    var spanID: String
    var parentSpanID: String
    var name: String
    var kind: String
    var start: UInt64
    var end: UInt64
    var attributes: [String: AttributeValue]
    var statusCode: String
    var events: [String]

    enum CodingKeys: String, CodingKey {
        case service, name, kind, start, end, attributes, events
        case traceID = "trace_id"
        case spanID = "span_id"
        case parentSpanID = "parent_span_id"
        case statusCode = "status_code"
    }
}

private enum AttributeValue: Decodable, Equatable {
    case text(String)
    case number(Int)
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .other
        }
    }
}

/// `redis-server`, the built `instrumented-app` exporting to `scripts/otlp-receiver`, on loopback ports.
private struct TracedApp {
    let redis: RedisServer
    let receiver: ManagedProcess
    let app: ManagedProcess
    let appPort: Int
    let spansFile: URL

    static func start(redis: RedisServer, receiverArguments: [String] = []) async throws -> TracedApp {
        let spansFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("infraobs-spans-\(UUID().uuidString.prefix(8)).jsonl")
        let receiverPort = try FreePort.next()
        let receiver = try await ManagedProcess.start(
            executable: Repository.path("scripts/otlp-receiver").path,
            arguments: ["--port", String(receiverPort), "--out", spansFile.path] + receiverArguments,
            waitingForPort: receiverPort,
            readyTimeout: 30
        )
        let appPort = try FreePort.next()
        do {
            let app = try await ManagedProcess.start(
                executable: try Repository.builtExecutable("instrumented-app"),
                arguments: [],
                environment: [
                    "HTTP_HOST": "127.0.0.1", "HTTP_PORT": String(appPort),
                    "REDIS_HOST": redis.host, "REDIS_PORT": String(redis.port),
                    "LOG_FORMAT": "json", "LOG_LEVEL": "debug",
                    "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:\(receiverPort)",
                ],
                waitingForPort: appPort
            )
            return TracedApp(
                redis: redis,
                receiver: receiver,
                app: app,
                appPort: appPort,
                spansFile: spansFile
            )
        } catch {
            receiver.stop()
            throw error
        }
    }

    func stop() {
        app.stop()
        receiver.stop()
        try? FileManager.default.removeItem(at: spansFile)
    }

    /// The spans of `traceID` the receiver decoded, once `count` have arrived (the exporter sends every second).
    func spans(ofTrace traceID: String, count: Int) async throws -> [ReceivedSpan] {
        var found: [ReceivedSpan] = []
        for _ in 0..<100 {
            let text = (try? String(contentsOf: spansFile, encoding: .utf8)) ?? ""
            found = try text.split(separator: "\n").map {
                try JSONDecoder().decode(ReceivedSpan.self, from: Data($0.utf8))
            }
            .filter { $0.traceID == traceID }
            if found.count >= count { return found }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestSupportError(
            "the receiver got \(found.count) spans of trace \(traceID), not \(count); receiver: \(receiver.log().suffix(1500))"
        )
    }
}

@Suite("Traces of the built app, decoded by an OTLP/HTTP receiver with opentelemetry-proto")
struct ExportedTraceTests {
    @Test(
        "GET /items/{key} is a server span continuing the caller's trace, with the Redis GET as its client span, and its log line names both"
    )
    func spanTreeAndLogLine() async throws {
        try await RedisServer.with { redis in
            let traced = try await TracedApp.start(redis: redis)
            defer { traced.stop() }
            let key = RedisServer.makeKeyPrefix() + "traced"
            _ = try redis.command(["SET", key, "value"])
            let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
            let callerSpanID = "00f067aa0ba902b7"
            let response = try await LoopbackClient(port: traced.appPort).execute(
                uri: "/items/\(key)",
                method: .get,
                headers: [HTTPField.Name("traceparent")!: "00-\(traceID)-\(callerSpanID)-01"]
            )
            #expect(response.status == .ok)

            let spans = try await traced.spans(ofTrace: traceID, count: 2)
            let server = try #require(spans.first { $0.kind == "SPAN_KIND_SERVER" })
            let client = try #require(spans.first { $0.kind == "SPAN_KIND_CLIENT" })
            // The lookup's client span (exercise 11's reference) and no second one from the Redis client inside it.
            #expect(spans.count == 2, "\(spans.map { "\($0.name) \($0.kind)" })")
            #expect(server.service == "instrumented-app")
            #expect(server.name == "/items/{key}")
            #expect(server.parentSpanID == callerSpanID)
            #expect(server.attributes["http.route"] == .text("/items/{key}"))
            #expect(server.attributes["http.response.status_code"] == .number(200))
            #expect(server.statusCode == "STATUS_CODE_UNSET")
            #expect(client.name == "GET")
            #expect(client.parentSpanID == server.spanID)
            #expect(client.attributes["db.system.name"] == .text("redis"))
            #expect(client.attributes["db.operation.name"] == .text("GET"))
            #expect(client.attributes["server.address"] == .text(redis.host))
            #expect(client.attributes["server.port"] == .number(redis.port))
            #expect(server.start <= client.start && client.start <= client.end && client.end <= server.end)

            // Every line the app wrote is a JSON object; the request's names the trace and the server span.
            traced.app.stop()
            let lines = traced.app.log().split(separator: "\n")
            #expect(lines.count >= 2)
            var requestLines: [[String: Any]] = []
            for line in lines {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                let fields = try #require(object, "not a JSON object: \(line)")
                for name in ["time", "level", "message", "service"] {
                    #expect(fields[name] is String, "no \(name) in \(line)")
                }
                if fields["message"] as? String == "request" { requestLines.append(fields) }
            }
            let requestLine = try #require(requestLines.first { $0["route"] as? String == "/items/{key}" })
            #expect(requestLine["trace_id"] as? String == traceID)
            #expect(requestLine["span_id"] as? String == server.spanID)
            #expect(requestLine["status"] as? Int == 200)
            #expect(requestLine["method"] as? String == "GET")
            #expect(requestLine["level"] as? String == "debug")
            #expect(requestLine["duration_ms"] is Double || requestLine["duration_ms"] is Int)
        }
    }

    @Test("a missing key is a 404 whose spans are not errors: Redis answered, nothing failed")
    func missingKey() async throws {
        try await RedisServer.with { redis in
            let traced = try await TracedApp.start(redis: redis)
            defer { traced.stop() }
            let traceID = "5cf92f3577b34da6a3ce929d0e0e4737"
            let response = try await LoopbackClient(port: traced.appPort).execute(
                uri: "/items/\(RedisServer.makeKeyPrefix())missing",
                method: .get,
                headers: [HTTPField.Name("traceparent")!: "00-\(traceID)-00f067aa0ba902b7-01"]
            )
            #expect(response.status == .notFound)
            let spans = try await traced.spans(ofTrace: traceID, count: 2)
            let server = try #require(spans.first { $0.kind == "SPAN_KIND_SERVER" })
            let client = try #require(spans.first { $0.kind == "SPAN_KIND_CLIENT" })
            #expect(server.attributes["http.response.status_code"] == .number(404))
            #expect(server.statusCode == "STATUS_CODE_UNSET")
            #expect(client.name == "GET")
            #expect(client.statusCode == "STATUS_CODE_UNSET")
            #expect(client.events.isEmpty)
        }
    }

    @Test(
        "a failed Redis command is the Redis client's span with an error status and error.type; the server span fails too"
    )
    func redisDown() async throws {
        try await RedisServer.with(reusingEnvironment: false) { redis in
            let traced = try await TracedApp.start(redis: redis)
            defer { traced.stop() }
            try redis.stop()
            let traceID = "0af7651916cd43dd8448eb211c80319c"
            // POST /items: its SET is the Redis client's own span (GET /items/{key} is the lookup's, exercise 11).
            let response = try await LoopbackClient(port: traced.appPort).execute(
                uri: "/items",
                method: .post,
                headers: [
                    HTTPField.Name("traceparent")!: "00-\(traceID)-b7ad6b7169203331-01",
                    .contentType: "application/json",
                ],
                body: ByteBuffer(string: #"{"key":"k","value":"v"}"#)
            )
            #expect(response.status.code >= 500)
            let spans = try await traced.spans(ofTrace: traceID, count: 2)
            let client = try #require(spans.first { $0.kind == "SPAN_KIND_CLIENT" })
            let server = try #require(spans.first { $0.kind == "SPAN_KIND_SERVER" })
            #expect(client.name == "SET")
            #expect(client.parentSpanID == server.spanID)
            #expect(client.statusCode == "STATUS_CODE_ERROR")
            #expect(client.attributes["error.type"] == .text("connection"))
            #expect(client.events == ["exception"])
            #expect(server.statusCode == "STATUS_CODE_ERROR")
        }
    }

    @Test("when the receiver refuses every batch, requests are still answered and /metrics counts the dropped spans")
    func receiverRefuses() async throws {
        try await RedisServer.with { redis in
            let traced = try await TracedApp.start(redis: redis, receiverArguments: ["--refuse"])
            defer { traced.stop() }
            let client = LoopbackClient(port: traced.appPort)
            for _ in 0..<20 {
                let response = try await client.execute(uri: "/", method: .get)
                #expect(response.status == .ok)
            }
            var dropped = 0.0
            for _ in 0..<50 where dropped < 20 {
                try await Task.sleep(for: .milliseconds(200))
                let metrics = try await client.execute(uri: "/metrics", method: .get)
                let line = metrics.text.split(separator: "\n").first {
                    $0.hasPrefix("redis_app_trace_spans_dropped_total{reason=\"export_failed\"}")
                }
                dropped = line.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) } ?? 0
            }
            #expect(dropped >= 20)
        }
    }
    @Test("the receiver refuses a protobuf body holding a field its classes do not know, and reads a known one")
    func receiverRefusesUnknownFields() async throws {
        let port = try FreePort.next()
        let receiver = try await ManagedProcess.start(
            executable: Repository.path("scripts/otlp-receiver").path,
            arguments: ["--port", String(port), "--out", "/dev/null"],
            waitingForPort: port,
            readyTimeout: 30
        )
        defer { receiver.stop() }
        // ExportTraceServiceRequest → ResourceSpans (1) → ScopeSpans (2) → Span (2) named "x"; then the
        // same with a field 99 (a varint) in the span.
        let span: [UInt8] = [0x2A, 0x01, UInt8(ascii: "x")]
        func request(_ span: [UInt8]) -> ByteBuffer {
            let scopeSpans = [0x12, UInt8(span.count)] + span
            let resourceSpans = [0x12, UInt8(scopeSpans.count)] + scopeSpans
            return ByteBuffer(bytes: [0x0A, UInt8(resourceSpans.count)] + resourceSpans)
        }
        let client = LoopbackClient(port: port)
        let headers: HTTPFields = [.contentType: "application/x-protobuf"]
        let known = try await client.execute(uri: "/v1/traces", method: .post, headers: headers, body: request(span))
        #expect(known.status == .ok)
        let unknown = try await client.execute(
            uri: "/v1/traces",
            method: .post,
            headers: headers,
            body: request(span + [0x98, 0x06, 0x01])
        )
        #expect(unknown.status == .badRequest)
        #expect(unknown.text.contains("unknown fields in request.resource_spans[0].scope_spans[0].spans[0]"))
    }
}
