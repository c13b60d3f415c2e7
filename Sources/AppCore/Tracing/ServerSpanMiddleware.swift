import AppTracing
import HTTPTypes
import Hummingbird
import Tracing

/// A server span for every request, continuing the caller's trace when it sends a W3C `traceparent`,
/// with OpenTelemetry's HTTP server attributes: `http.request.method`, `url.path`, `url.query`,
/// `user_agent.original`, then `http.route` and `http.response.status_code`. The span is named after
/// the route's template (`/items/{key}`), or `HTTP GET route not found`.
///
/// The application's tracer is made the current one for the request (a task-local value,
/// `withTracer`), so that `withSpan` in the handlers (exercise 11) makes children of this span, no
/// process-wide tracer is bootstrapped, and two applications in one process (tests) keep theirs apart.
///
/// Hummingbird's `TracingMiddleware` does the same, but ends the span once the body is written, through
/// `ResponseBody.withPostWriteClosure`. That turns every body into a closure, and Hummingbird then writes
/// the head, the body and the end of a response in three writes instead of one: on `GET /items/{key}`
/// it cost more CPU than the span itself (`bench/tracing-overhead`, README "Logs and traces"). Here the
/// span ends when the handler has answered; the apps' bodies are complete buffers by then.
public struct ServerSpanMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The tracer of the application.
    public let tracer: OTLPTracer

    /// Makes the middleware.
    public init(tracer: OTLPTracer) {
        self.tracer = tracer
    }

    /// Answers the request inside its server span.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var parentContext = ServiceContext.current ?? .topLevel
        if let value = request.headers[traceParentField], let parent = TraceParent.parse(value) {
            parentContext.traceContext = parent
        }
        let span = tracer.startSpan(
            "HTTP \(request.method.rawValue) route not found",
            context: parentContext,
            ofKind: .server
        )
        if span.isRecording {
            span.updateAttributes { attributes in
                attributes["http.request.method"] = request.method.rawValue
                attributes["url.path"] = request.uri.path
                attributes["url.query"] = request.uri.query
                attributes["user_agent.original"] = request.headers[.userAgent]
            }
        }
        defer { span.end() }
        // `withTracer` runs its closure in this task, before `handle` returns, so `next` is never used
        // concurrently: the box only tells the compiler so.
        return try await withoutActuallyEscaping(next) { next in
            let next = CallableInThisTask(next)
            return try await ServiceContext.$current.withValue(span.context) {
                try await withTracer(tracer) {
                    do {
                        let response = try await next.call(request, context)
                        finish(span, context: context, status: Int(response.status.code))
                        return response
                    } catch {
                        let status = (error as? any HTTPResponseError).map { Int($0.status.code) } ?? 500
                        finish(span, context: context, status: status)
                        span.recordError(error)
                        throw error
                    }
                }
            }
        }
    }

    private func finish(_ span: RecordingSpan, context: Context, status: Int) {
        if let route = context.endpointPath { span.operationName = route }
        guard span.isRecording else { return }
        span.updateAttributes { attributes in
            attributes["http.route"] = context.endpointPath
            attributes["http.response.status_code"] = status
        }
    }
}

/// The `traceparent` header's name.
private let traceParentField = HTTPField.Name(TraceParent.headerName)!

/// The next responder of a middleware, carried into a closure that runs in the same task.
private struct CallableInThisTask<Context: RequestContext>: @unchecked Sendable {
    let call: (Request, Context) async throws -> Response

    init(_ call: @escaping (Request, Context) async throws -> Response) {
        self.call = call
    }
}
