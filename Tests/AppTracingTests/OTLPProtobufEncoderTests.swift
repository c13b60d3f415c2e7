import AppTracing
import Foundation
import NIOCore
import TestSupport
import Testing
import Tracing

/// An error to record on a span.
private struct SampleError: Error, CustomStringConvertible {
    var description: String { "line\nbreak" }
}

@Suite("OTLP protobuf encoding, read back by the official classes")
struct OTLPProtobufEncoderTests {
    @Test("a span is written with OTLP's fields: ids as bytes, kind, times, attributes of each type, events, status")
    func oneSpan() async throws {
        let collector = SpanCollector()
        let tracer = OTLPTracer(processor: collector)
        let span = tracer.startSpan("GET \"quoted\"", context: .topLevel, ofKind: .client)
        span.attributes["server.port"] = 6379
        span.attributes["db.system.name"] = "redis"
        span.attributes["ratio"] = 0.5
        span.attributes["cached"] = true
        span.recordError(SampleError())
        span.setStatus(SpanStatus(code: .error, message: "down"))
        span.end()
        let finished = try #require(collector.spans.first)
        let request = try await OfficialOTLP.decode(OTLPProtobufEncoder(serviceName: "redis-app").encode([finished]))
        let resourceSpans = try #require((request["resourceSpans"] as? [[String: Any]])?.first)
        let service = try #require((resourceSpans["resource"] as? [String: Any])?["attributes"] as? [[String: Any]])
        #expect(Self.values(service)["service.name"]?["stringValue"] as? String == "redis-app")
        let scopeSpans = try #require((resourceSpans["scopeSpans"] as? [[String: Any]])?.first)
        #expect((scopeSpans["scope"] as? [String: Any])?["name"] as? String == "infraobs")
        let written = try #require((scopeSpans["spans"] as? [[String: Any]])?.first)
        #expect(OfficialOTLP.hex(written["traceId"]) == finished.context.traceID.description)
        #expect(OfficialOTLP.hex(written["spanId"]) == finished.context.spanIDHex)
        #expect(written["parentSpanId"] == nil)
        #expect(written["name"] as? String == "GET \"quoted\"")
        #expect(written["kind"] as? String == "SPAN_KIND_CLIENT")
        #expect(written["startTimeUnixNano"] as? String == String(finished.startNanoseconds))
        #expect(written["endTimeUnixNano"] as? String == String(finished.endNanoseconds))
        let status = try #require(written["status"] as? [String: Any])
        #expect(status["code"] as? String == "STATUS_CODE_ERROR")
        #expect(status["message"] as? String == "down")
        let values = Self.values(try #require(written["attributes"] as? [[String: Any]]))
        #expect(values["server.port"]?["intValue"] as? String == "6379")
        #expect(values["db.system.name"]?["stringValue"] as? String == "redis")
        #expect(values["ratio"]?["doubleValue"] as? Double == 0.5)
        #expect(values["cached"]?["boolValue"] as? Bool == true)
        let event = try #require((written["events"] as? [[String: Any]])?.first)
        #expect(event["name"] as? String == "exception")
        let eventValues = Self.values(try #require(event["attributes"] as? [[String: Any]]))
        #expect(eventValues["exception.message"]?["stringValue"] as? String == "line\nbreak")
    }

    @Test("strings, integers, arrays and a parent id are read back as they were, long spans included")
    func valuesRoundTrip() async throws {
        let collector = SpanCollector()
        let tracer = OTLPTracer(processor: collector)
        let parent = TraceContext(
            traceID: TraceID(high: 0x0102_0304_0506_0708, low: 0x090a_0b0c_0d0e_0f10),
            spanID: 0xfffe,
            isSampled: true
        )
        var context = ServiceContext.topLevel
        context.traceContext = parent
        let name = "ünïcode \u{01}\u{1F}\t\\ \"x\" 🚀"
        let span = tracer.startSpan(name, context: context, ofKind: .server)
        span.attributes["zero"] = 0
        span.attributes["negative"] = Int64.min
        span.attributes["largest"] = Int64.max
        span.attributes["ids"] = [1, -2, 3] as [Int64]
        // Past 127 and 16,383 bytes: lengths of two and three bytes.
        span.attributes["medium"] = String(repeating: "m", count: 300)
        span.attributes["long"] = String(repeating: "é", count: 20_000)
        span.end()
        let finished = try #require(collector.spans.first)
        let request = try await OfficialOTLP.decode(OTLPProtobufEncoder(serviceName: "svc \"q\"").encode([finished]))
        let resourceSpans = try #require((request["resourceSpans"] as? [[String: Any]])?.first)
        let scopeSpans = try #require((resourceSpans["scopeSpans"] as? [[String: Any]])?.first)
        let written = try #require((scopeSpans["spans"] as? [[String: Any]])?.first)
        #expect(written["name"] as? String == name)
        #expect(OfficialOTLP.hex(written["traceId"]) == "0102030405060708090a0b0c0d0e0f10")
        #expect(OfficialOTLP.hex(written["parentSpanId"]) == "000000000000fffe")
        #expect(written["kind"] as? String == "SPAN_KIND_SERVER")
        let values = Self.values(try #require(written["attributes"] as? [[String: Any]]))
        #expect(values["zero"]?["intValue"] as? String == "0")
        #expect(values["negative"]?["intValue"] as? String == String(Int64.min))
        #expect(values["largest"]?["intValue"] as? String == String(Int64.max))
        let array = (values["ids"]?["arrayValue"] as? [String: Any])?["values"] as? [[String: Any]]
        #expect(array?.compactMap { $0["intValue"] as? String } == ["1", "-2", "3"])
        #expect(values["medium"]?["stringValue"] as? String == String(repeating: "m", count: 300))
        #expect(values["long"]?["stringValue"] as? String == String(repeating: "é", count: 20_000))
        let service = (resourceSpans["resource"] as? [String: Any])?["attributes"] as? [[String: Any]]
        #expect(Self.values(service ?? [])["service.name"]?["stringValue"] as? String == "svc \"q\"")
    }

    @Test("attributes added as a list and set through the dictionary are all written; a key set both ways once")
    func listAndDictionary() async throws {
        let collector = SpanCollector()
        let tracer = OTLPTracer(processor: collector)
        let span = tracer.startSpan("GET", parent: nil, context: .topLevel, ofKind: .server)
        span.addAttributes { attributes in
            attributes.append(("url.path", .string("/items/a")))
            attributes.append(("http.route", .string("/items/{key}")))
        }
        span.attributes["http.route"] = "/items/{id}"
        span.attributes["custom"] = 7
        #expect(span.attributes.get("url.path") == .string("/items/a"))
        #expect(span.attributes.get("http.route") == .string("/items/{id}"))
        span.end()
        let finished = try #require(collector.spans.first)
        #expect(finished.attributes.count == 3)
        let request = try await OfficialOTLP.decode(OTLPProtobufEncoder(serviceName: "svc").encode([finished]))
        let resourceSpans = try #require((request["resourceSpans"] as? [[String: Any]])?.first)
        let written = try #require(
            ((resourceSpans["scopeSpans"] as? [[String: Any]])?.first?["spans"] as? [[String: Any]])?.first
        )
        let attributes = try #require(written["attributes"] as? [[String: Any]])
        #expect(attributes.count == 3)
        let values = Self.values(attributes)
        #expect(values["url.path"]?["stringValue"] as? String == "/items/a")
        #expect(values["http.route"]?["stringValue"] as? String == "/items/{id}")
        #expect(values["custom"]?["intValue"] as? String == "7")
    }

    @Test("a batch of many spans is one request holding each of them once")
    func batch() async throws {
        let collector = SpanCollector()
        let tracer = OTLPTracer(processor: collector)
        for index in 0..<500 {
            let span = tracer.startSpan("GET", context: .topLevel, ofKind: .client)
            span.attributes["index"] = index
            span.end()
        }
        let request = try await OfficialOTLP.decode(OTLPProtobufEncoder(serviceName: "svc").encode(collector.spans))
        let resourceSpans = try #require((request["resourceSpans"] as? [[String: Any]])?.first)
        let spans = try #require((resourceSpans["scopeSpans"] as? [[String: Any]])?.first?["spans"] as? [[String: Any]])
        #expect(spans.count == 500)
        #expect(
            Set(spans.compactMap { OfficialOTLP.hex($0["spanId"]) }) == Set(collector.spans.map(\.context.spanIDHex))
        )
    }

    @Test("ids drawn by the tracer are unique and never zero")
    func idsAreUnique() {
        let collector = SpanCollector()
        let tracer = OTLPTracer(processor: collector)
        for _ in 0..<10_000 { tracer.startSpan("GET", context: .topLevel, ofKind: .client).end() }
        let spans = collector.spans
        #expect(Set(spans.map(\.context.spanID)).count == 10_000)
        #expect(Set(spans.map(\.context.traceID)).count == 10_000)
        #expect(spans.allSatisfy { $0.context.spanID != 0 })
    }

    /// Attributes by key: each `KeyValue`'s `value`.
    private static func values(_ attributes: [[String: Any]]) -> [String: [String: Any]] {
        Dictionary(
            attributes.map { ($0["key"] as? String ?? "", $0["value"] as? [String: Any] ?? [:]) },
            uniquingKeysWith: { first, _ in first }
        )
    }
}

/// Reads an OTLP protobuf body with the official classes of PyPI's opentelemetry-proto, as a receiver
/// would (`scripts/otlp-receiver --decode`), and gives it back through protobuf's JSON mapping (ids in
/// base64, 64-bit integers as strings, enums by name). A field the classes do not know, anywhere in the
/// body, fails the decoding.
enum OfficialOTLP {
    /// The request in `body`, as a JSON object.
    static func decode(_ body: ByteBuffer) async throws -> [String: Any] {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("infraobs-otlp-\(UUID().uuidString.prefix(8)).bin")
        try Data(body.readableBytesView).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try await ManagedProcess.capture(
            executable: Repository.path("scripts/otlp-receiver").path,
            arguments: ["--decode", file.path]
        )
        try #require(run.status == 0, "the official classes did not read the body: \(run.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])
    }

    /// A `bytes` field of the JSON mapping (base64) as lowercase hex.
    static func hex(_ value: Any?) -> String? {
        guard let text = value as? String, let data = Data(base64Encoded: text) else { return nil }
        return data.map { String(format: "%02x", $0) }.joined()
    }
}
