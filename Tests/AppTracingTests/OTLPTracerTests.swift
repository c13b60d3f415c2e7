import AppTracing
import TestSupport
import Testing
import Tracing

/// Carries headers as a dictionary, for extract and inject.
private struct DictionaryCarrier: Extractor, Injector {
    func extract(key: String, from carrier: [String: String]) -> String? { carrier[key] }
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) { carrier[key] = value }
}

@Suite("The tracer")
struct OTLPTracerTests {
    @Test("a child span shares its parent's trace and names the parent; both reach the processor when they end")
    func parentAndChild() throws {
        let collector = SpanCollector()
        let tracer = OTLPTracer(processor: collector)
        let parent = tracer.startSpan("/items/{key}", context: .topLevel, ofKind: .server)
        let child = tracer.startSpan("GET", context: parent.context, ofKind: .client)
        child.attributes["db.system.name"] = "redis"
        child.setStatus(SpanStatus(code: .error))
        child.end()
        parent.end()
        let spans = collector.spans
        try #require(spans.count == 2)
        #expect(spans[0].context.traceID == spans[1].context.traceID)
        #expect(spans[0].parentSpanID == spans[1].context.spanID)
        #expect(spans[1].parentSpanID == nil)
        #expect(spans[0].kind == .client)
        #expect(spans[0].status?.code == .error)
        #expect(spans[0].attributes.get("db.system.name") == .string("redis"))
        #expect(spans[0].startNanoseconds >= spans[1].startNanoseconds)
        #expect(spans[0].endNanoseconds <= spans[1].endNanoseconds)
    }

    @Test("a caller's traceparent is continued, and written back for the current span")
    func propagation() throws {
        let collector = SpanCollector()
        let tracer = OTLPTracer(processor: collector)
        var context = ServiceContext.topLevel
        tracer.extract(
            ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"],
            into: &context,
            using: DictionaryCarrier()
        )
        let span = tracer.startSpan("/", context: context, ofKind: .server)
        var headers: [String: String] = [:]
        tracer.inject(span.context, into: &headers, using: DictionaryCarrier())
        span.end()
        let finished = try #require(collector.spans.first)
        #expect(finished.context.traceID.description == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(finished.parentSpanID == 0x00f0_67aa_0ba9_02b7)
        #expect(headers["traceparent"] == "00-4bf92f3577b34da6a3ce929d0e0e4736-\(finished.context.spanIDHex)-01")
    }

    @Test("a trace the caller did not sample is not recorded, but its id travels")
    func unsampled() {
        let collector = SpanCollector()
        let tracer = OTLPTracer(processor: collector)
        var context = ServiceContext.topLevel
        tracer.extract(
            ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00"],
            into: &context,
            using: DictionaryCarrier()
        )
        let span = tracer.startSpan("/", context: context, ofKind: .server)
        #expect(!span.isRecording)
        #expect(span.context.traceContext?.traceID.description == "4bf92f3577b34da6a3ce929d0e0e4736")
        span.end()
        #expect(collector.spans.isEmpty)
    }

    @Test("a span that ends twice is handed over once, with the status it was given")
    func endsOnce() {
        let collector = SpanCollector()
        let tracer = OTLPTracer(processor: collector)
        let span = tracer.startSpan("/items/{key}", context: .topLevel, ofKind: .server)
        span.setStatus(SpanStatus(code: .error))
        span.setStatus(SpanStatus(code: .ok))
        span.end()
        span.end()
        #expect(collector.spans.count == 1)
        #expect(collector.spans.first?.status?.code == .error)
    }
}
