import AppTracing
import Foundation
import TestSupport
import Testing
import Tracing

/// An error to record on a span.
private struct SampleError: Error, CustomStringConvertible {
    var description: String { "line\nbreak" }
}

@Suite("OTLP/JSON encoding")
struct OTLPJSONEncoderTests {
    @Test("a span is written with OTLP/JSON's names: hex ids, kind and status numbers, 64-bit integers as strings")
    func oneSpan() throws {
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
        let body = OTLPJSONEncoder(serviceName: "redis-app").encode([finished])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let resourceSpans = try #require(document["resourceSpans"] as? [[String: Any]])
        let scopeSpans = try #require(resourceSpans.first?["scopeSpans"] as? [[String: Any]])
        let spans = try #require(scopeSpans.first?["spans"] as? [[String: Any]])
        let written = try #require(spans.first)
        #expect(written["traceId"] as? String == finished.context.traceID.description)
        #expect((written["traceId"] as? String)?.count == 32)
        #expect(written["spanId"] as? String == finished.context.spanIDHex)
        #expect(written["parentSpanId"] == nil)
        #expect(written["name"] as? String == "GET \"quoted\"")
        #expect(written["kind"] as? Int == 3)
        #expect(written["startTimeUnixNano"] as? String == String(finished.startNanoseconds))
        #expect((written["status"] as? [String: Any])?["code"] as? Int == 2)
        let attributes = try #require(written["attributes"] as? [[String: Any]])
        let values = Dictionary(
            uniqueKeysWithValues: attributes.map { ($0["key"] as? String ?? "", $0["value"] as? [String: Any] ?? [:]) }
        )
        #expect(values["server.port"]?["intValue"] as? String == "6379")
        #expect(values["db.system.name"]?["stringValue"] as? String == "redis")
        #expect(values["ratio"]?["doubleValue"] as? Double == 0.5)
        #expect(values["cached"]?["boolValue"] as? Bool == true)
        let events = try #require(written["events"] as? [[String: Any]])
        #expect(events.first?["name"] as? String == "exception")
    }

    @Test("strings, integers and ids are written byte by byte and read back as they were")
    func valuesRoundTrip() throws {
        let collector = SpanCollector()
        let tracer = OTLPTracer(processor: collector)
        let name = "ünïcode \u{01}\u{1F}\t\\ \"x\" 🚀"
        let span = tracer.startSpan(name, context: .topLevel, ofKind: .server)
        span.attributes["zero"] = 0
        span.attributes["negative"] = Int64.min
        span.attributes["largest"] = Int64.max
        span.attributes["ids"] = [1, -2, 3] as [Int64]
        span.end()
        let finished = try #require(collector.spans.first)
        let body = OTLPJSONEncoder(serviceName: "svc \"q\"").encode([finished])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        let resourceSpans = try #require(document["resourceSpans"] as? [[String: Any]])
        let scopeSpans = try #require(resourceSpans.first?["scopeSpans"] as? [[String: Any]])
        let written = try #require((scopeSpans.first?["spans"] as? [[String: Any]])?.first)
        #expect(written["name"] as? String == name)
        #expect(written["spanId"] as? String == finished.context.spanIDHex)
        #expect(written["traceId"] as? String == finished.context.traceID.description)
        #expect(written["endTimeUnixNano"] as? String == String(finished.endNanoseconds))
        let attributes = try #require(written["attributes"] as? [[String: Any]])
        let values = Dictionary(
            uniqueKeysWithValues: attributes.map { ($0["key"] as? String ?? "", $0["value"] as? [String: Any] ?? [:]) }
        )
        #expect(values["zero"]?["intValue"] as? String == "0")
        #expect(values["negative"]?["intValue"] as? String == String(Int64.min))
        #expect(values["largest"]?["intValue"] as? String == String(Int64.max))
        let array = (values["ids"]?["arrayValue"] as? [String: Any])?["values"] as? [[String: Any]]
        #expect(array?.compactMap { $0["intValue"] as? String } == ["1", "-2", "3"])
        let resource = try #require(resourceSpans.first?["resource"] as? [String: Any])
        let service = (resource["attributes"] as? [[String: Any]])?.first?["value"] as? [String: Any]
        #expect(service?["stringValue"] as? String == "svc \"q\"")
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
}
