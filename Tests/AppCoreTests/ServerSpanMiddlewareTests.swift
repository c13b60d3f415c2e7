import AppCore
import AppTracing
import HTTPTypes
import Hummingbird
import Logging
import NIOEmbedded
import TestSupport
import Testing
import Tracing

@Suite("The server span of every request (ServerSpanMiddleware)")
struct ServerSpanMiddlewareTests {
    private let context = AppRequestContext(
        source: ApplicationRequestContextSource(channel: EmbeddedChannel(), logger: Logger(label: "test"))
    )

    private func request(traceparent: String?, path: String = "/items/user:1") -> Request {
        var fields = HTTPFields()
        if let traceparent { fields[HTTPField.Name("traceparent")!] = traceparent }
        return Request(
            head: HTTPRequest(
                method: .get,
                scheme: "http",
                authority: "127.0.0.1",
                path: path,
                headerFields: fields
            ),
            body: RequestBody(buffer: ByteBuffer())
        )
    }

    @Test("the span has ended when the middleware returns, and the response keeps the handler's body")
    func spanEndsWithTheAnswer() async throws {
        let kept = SpanCollector()
        let middleware = ServerSpanMiddleware<AppRequestContext>(tracer: OTLPTracer(processor: kept))
        let response = try await middleware.handle(
            request(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"),
            context: context
        ) { _, _ in
            // The handler runs inside the span, with the application's tracer current: its own spans are
            // children of the server span.
            #expect(ServiceContext.current?.traceContext?.traceID.description == "4bf92f3577b34da6a3ce929d0e0e4736")
            withSpan("inner", ofKind: .internal) { _ in }
            return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"ok\":1}")))
        }
        let spans = kept.spans
        try #require(spans.count == 2)
        let inner = try #require(spans.first { $0.kind == .internal })
        let server = try #require(spans.first { $0.kind == .server })
        #expect(inner.parentSpanID == server.context.spanID)
        #expect(server.context.traceID.description == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(server.parentSpanID == 0x00f0_67aa_0ba9_02b7)
        #expect(server.attributes.get("http.request.method") == .string("GET"))
        #expect(server.attributes.get("url.path") == .string("/items/user:1"))
        #expect(server.attributes.get("url.query") == nil)
        #expect(server.attributes.get("http.response.status_code") == .int64(200))
        #expect(server.status == nil)
        #expect(response.status == .ok)
        #expect(response.body.contentLength == 8)
    }

    @Test("a failed request ends its span once, with an error status, and the error goes on")
    func failedRequest() async throws {
        let kept = SpanCollector()
        let middleware = ServerSpanMiddleware<AppRequestContext>(tracer: OTLPTracer(processor: kept))
        await #expect(throws: HTTPError.self) {
            _ = try await middleware.handle(request(traceparent: nil), context: context) { _, _ in
                throw HTTPError(.serviceUnavailable)
            }
        }
        let spans = kept.spans
        try #require(spans.count == 1)
        #expect(spans[0].status?.code == .error)
        #expect(spans[0].events.map(\.name) == ["exception"])
        #expect(spans[0].attributes.get("http.response.status_code") == .int64(503))
    }

    @Test("an answered 5xx is an error status; a query string is recorded; a malformed traceparent starts a trace")
    func answeredServerError() async throws {
        let kept = SpanCollector()
        let middleware = ServerSpanMiddleware<AppRequestContext>(tracer: OTLPTracer(processor: kept))
        let response = try await middleware.handle(
            request(traceparent: "00-not-a-trace-01", path: "/items?prefix=user"),
            context: context
        ) { _, _ in
            Response(status: .serviceUnavailable)
        }
        #expect(response.status == .serviceUnavailable)
        let spans = kept.spans
        try #require(spans.count == 1)
        #expect(spans[0].parentSpanID == nil)
        // No router here, so no route template: the span keeps the method's name.
        #expect(spans[0].operationName == "GET")
        #expect(spans[0].attributes.get("http.route") == nil)
        #expect(spans[0].status?.code == .error)
        #expect(spans[0].attributes.get("url.query") == .string("prefix=user"))
        #expect(spans[0].attributes.get("http.response.status_code") == .int64(503))
    }

    @Test("a 4xx is not an error of the server")
    func clientError() async throws {
        let kept = SpanCollector()
        let middleware = ServerSpanMiddleware<AppRequestContext>(tracer: OTLPTracer(processor: kept))
        await #expect(throws: HTTPError.self) {
            _ = try await middleware.handle(request(traceparent: nil), context: context) { _, _ in
                throw HTTPError(.notFound)
            }
        }
        let spans = kept.spans
        try #require(spans.count == 1)
        #expect(spans[0].status == nil)
        #expect(spans[0].attributes.get("http.response.status_code") == .int64(404))
    }

    @Test(
        "the apps' server makes the application's tracer current for each connection: a handler's own span finds it without the middleware"
    )
    func serverMakesTheTracerCurrent() async throws {
        let kept = SpanCollector()
        let tracer = OTLPTracer(processor: kept)
        // No span middleware: only the server (JSONErrorHTTP1Channel) can have made the tracer current.
        let router = makeRouter(middleware: [])
        router.get("/") { _, _ -> String in
            withSpan("inner", ofKind: .internal) { _ in }
            return ServerSpanMiddleware<AppRequestContext>.isCurrent(tracer) ? "current" : "not current"
        }
        let app = makeApplication(
            router: router,
            configuration: TestApps.configuration(redis: nil),
            service: "test",
            tracer: tracer,
            logger: TestApps.quietLogger
        )
        try await app.withLoopbackServer { client in
            for _ in 0..<2 {
                let response = try await client.execute(uri: "/", method: .get)
                #expect(response.text == "current")
            }
        }
        #expect(kept.spans.map(\.operationName) == ["inner", "inner"])
        #expect(ServerSpanMiddleware<AppRequestContext>.isCurrent(tracer) == false)
    }
}
