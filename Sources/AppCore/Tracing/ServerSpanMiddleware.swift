import AppTracing
import HTTPTypes
import Hummingbird
import Tracing

/// The server span of every request, named after the route's template (`/items/{key}`; `NotFound`, as
/// Hummingbird names it, when no route matches), or the method (`GET`) when the request fails before
/// the router sees it. It continues the caller's trace when it sends a W3C `traceparent`, and
/// has OpenTelemetry's HTTP attributes: `http.request.method`, `url.path`, `url.query` when there is
/// one, `http.route` and `http.response.status_code`. A 5xx, answered or thrown, is an error status; a
/// thrown error is also recorded on the span.
///
/// The handler runs with the span's context current (the Redis client's spans and the log lines find
/// it there) and with the application's tracer current (a task-local value, `withTracer`): a handler's
/// own `withSpan` uses it, no process-wide tracer is bootstrapped, and two applications in one process
/// (tests) keep theirs apart. The apps' server makes it current once per connection
/// (``JSONErrorHTTP1Channel``); this middleware makes it current for the request only when it finds
/// it is not (a router run without that server), which cost about 0.4 µs a request in one thread. The span ends when the handler has answered, before the body is written
/// (the apps answer with complete buffers).
///
/// Hummingbird's `TracingMiddleware` makes the same span; this middleware replaced it for what it cost
/// (README, "What tracing costs"): it looks the tracer up through swift-distributed-tracing's
/// process-wide system on every request, and ends the span through a closure around the body, which
/// made Hummingbird write each response in several system calls.
public struct ServerSpanMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The tracer of the application.
    public let tracer: OTLPTracer

    /// Makes the middleware.
    public init(tracer: OTLPTracer) {
        self.tracer = tracer
    }

    /// Answers the request inside its server span, which has ended when this returns.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // The first `traceparent` field: `headers[name]` joins every field of that name into a new string.
        let caller = request.headers.first(where: { $0.name == .traceparent }).flatMap { TraceParent.parse($0.value) }
        // Named after the method until the route is known (OpenTelemetry's name for a request without a
        // route). Its attributes are new keys, added as a list (`addAttributes`): the subscript takes any
        // convertible value, boxing each one, and a dictionary hashes every key.
        let method = request.method.rawValue
        let span = tracer.startSpan(
            method,
            parent: caller,
            context: ServiceContext.current ?? .topLevel,
            ofKind: .server
        )
        span.addAttributes { attributes in
            attributes.append(("http.request.method", .string(method)))
            attributes.append(("url.path", .string(request.uri.path)))
            if let query = request.uri.query { attributes.append(("url.query", .string(query))) }
        }
        do {
            let response: Response
            if Self.isCurrent(tracer) {
                response = try await ServiceContext.$current.withValue(span.context) {
                    try await next(request, context)
                }
            } else {
                response = try await withTracer(tracer) {
                    try await ServiceContext.$current.withValue(span.context) {
                        try await next(request, context)
                    }
                }
            }
            end(span, context: context, status: response.status.code)
            return response
        } catch {
            span.recordError(error)
            end(span, context: context, status: (error as? any HTTPResponseError)?.status.code ?? 500)
            throw error
        }
    }

    /// Whether `tracer` is the current tracer (the task-local one of `withTracer`).
    public static func isCurrent(_ tracer: OTLPTracer) -> Bool {
        (InstrumentationSystem.instrument as? OTLPTracer) === tracer
    }

    /// Names the span after the route that answered, records the status and ends the span.
    private func end(_ span: RecordingSpan, context: Context, status: Int) {
        let route = context.endpointPath
        if let route { span.operationName = route }
        span.addAttributes { attributes in
            if let route { attributes.append(("http.route", .string(route))) }
            attributes.append(("http.response.status_code", .int64(Int64(status))))
        }
        if status >= 500 { span.setStatus(SpanStatus(code: .error)) }
        span.end()
    }
}

extension HTTPField.Name {
    /// W3C Trace Context's header.
    fileprivate static let traceparent = HTTPField.Name(TraceParent.headerName)!
}
