import AppCore
import AppTracing
import HTTPTypes
import Hummingbird
import Logging
import NIOEmbedded
import TestSupport
import Testing
import Tracing

@Suite("The server span of every request (ScopedTracingMiddleware)")
struct ScopedTracingMiddlewareTests {
    private let context = AppRequestContext(
        source: ApplicationRequestContextSource(channel: EmbeddedChannel(), logger: Logger(label: "test"))
    )

    private func request(traceparent: String?) -> Request {
        var fields = HTTPFields()
        if let traceparent { fields[HTTPField.Name("traceparent")!] = traceparent }
        return Request(
            head: HTTPRequest(
                method: .get,
                scheme: "http",
                authority: "127.0.0.1",
                path: "/items/user:1",
                headerFields: fields
            ),
            body: RequestBody(buffer: ByteBuffer())
        )
    }

    @Test("the span has ended when the middleware returns, and the response keeps the handler's body")
    func spanEndsWithTheAnswer() async throws {
        let kept = SpanCollector()
        let middleware = ScopedTracingMiddleware<AppRequestContext>(tracer: OTLPTracer(processor: kept))
        let response = try await middleware.handle(
            request(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
            context: context
        ) { _, _ in
            // The handler runs inside the span, with the application's tracer current.
            #expect(ServiceContext.current?.traceContext?.traceID.description == "4bf92f3577b34da6a3ce929d0e0e4736")
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"ok\":1}")))
        }
        // Hummingbird's TracingMiddleware alone ends it only once the body is written.
        let spans = kept.spans
        try #require(spans.count == 1)
        #expect(spans[0].kind == .server)
        #expect(spans[0].parentSpanID == 0x00f0_67aa_0ba9_02b7)
        #expect(spans[0].attributes.get("http.response.status_code") == .int64(200))
        #expect(response.status == .ok)
        #expect(response.body.contentLength == 8)
    }

    @Test("a failed request ends its span once, with an error status, and the error goes on")
    func failedRequest() async throws {
        let kept = SpanCollector()
        let middleware = ScopedTracingMiddleware<AppRequestContext>(tracer: OTLPTracer(processor: kept))
        await #expect(throws: HTTPError.self) {
            _ = try await middleware.handle(request(traceparent: nil), context: context) { _, _ in
                throw HTTPError(.serviceUnavailable)
            }
        }
        let spans = kept.spans
        try #require(spans.count == 1)
        #expect(spans[0].status?.code == .error)
        #expect(spans[0].attributes.get("http.response.status_code") == .int64(503))
    }
}
