import AppTracing
import HTTPTypes
import Hummingbird
import Tracing

/// The server span of every request, named after the route's template (`/items/{key}`), continuing
/// the caller's trace when it sends a W3C `traceparent`, with OpenTelemetry's HTTP attributes:
/// `http.request.method`, `url.path`, `url.query` when there is one, `http.route` and
/// `http.response.status_code`. A 5xx, answered or thrown, is an error status; a thrown error is also
/// recorded on the span.
///
/// The handler runs with the span's context current (the Redis client's spans and the log lines find
/// it there) and with the application's tracer current (a task-local value, `withTracer`): a handler's
/// own `withSpan` uses it, no process-wide tracer is bootstrapped, and two applications in one process
/// (tests) keep theirs apart. The span ends when the handler has answered, before the body is written
/// (the apps answer with complete buffers).
///
/// Hummingbird's `TracingMiddleware` makes the same span; this middleware replaced it for what it cost
/// (README, "What tracing costs"): it looks the tracer up through swift-distributed-tracing's
/// process-wide system on every request, and ends the span through a closure around the body, which made
/// Hummingbird write each response in several system calls.
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
        var parent = ServiceContext.current ?? .topLevel
        if let value = request.headers[.traceparent], let caller = TraceParent.parse(value) {
            parent.traceContext = caller
        }
        let span = tracer.startSpan("HTTP \(request.method.rawValue)", context: parent, ofKind: .server)
        span.updateAttributes { attributes in
            attributes["http.request.method"] = request.method.rawValue
            attributes["url.path"] = request.uri.path
            if let query = request.uri.query { attributes["url.query"] = query }
        }
        do {
            let response = try await withTracer(tracer) {
                try await ServiceContext.$current.withValue(span.context) {
                    try await next(request, context)
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

    /// Names the span after the route that answered, records the status and ends the span.
    private func end(_ span: RecordingSpan, context: Context, status: Int) {
        if let route = context.endpointPath { span.operationName = route }
        span.updateAttributes { attributes in
            if let route = context.endpointPath { attributes["http.route"] = route }
            attributes["http.response.status_code"] = status
        }
        if status >= 500 { span.setStatus(SpanStatus(code: .error)) }
        span.end()
    }
}

extension HTTPField.Name {
    /// W3C Trace Context's header.
    fileprivate static let traceparent = HTTPField.Name(TraceParent.headerName)!
}
