import AppTracing
import Hummingbird
import Tracing

/// Hummingbird's `TracingMiddleware` with this application's tracer: a server span for every request,
/// continuing the caller's trace when it sends a W3C `traceparent`.
///
/// `TracingMiddleware` asks swift-distributed-tracing for the current tracer; this middleware makes the
/// application's tracer the current one for the request (a task-local value, `withTracer`), so that no
/// process-wide tracer is bootstrapped and two applications in one process (tests) keep theirs apart.
///
/// `TracingMiddleware` ends the span once the body is written: it wraps the body in a closure
/// (`withPostWriteClosure`), and Hummingbird then writes a response's head, body and end in separate
/// system calls instead of one (`strace -c`: about 3.2 writes per request instead of 2 with Redis's).
/// This middleware gives the response back its own body, as the handler answered it; the closure is
/// released with the wrapped body, and `TracingMiddleware`'s span holder ends the span as it goes. The
/// span thus ends when the handler has answered, before the body is written (the apps answer with
/// complete buffers). Side by side, that gave 1.13 times the throughput of the wrapped body
/// (`bench/tracing-overhead`'s method, README "What tracing costs").
public struct ScopedTracingMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The tracer of the application.
    public let tracer: any Tracer
    private let tracing = TracingMiddleware<Context>()

    /// Makes the middleware.
    public init(tracer: any Tracer) {
        self.tracer = tracer
    }

    /// Answers the request inside its server span, which has ended when this returns.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // `withTracer` runs its closure in this task, before `handle` returns, so `next` and `answered`
        // are never used concurrently: the boxes only tell the compiler so.
        try await withoutActuallyEscaping(next) { next in
            let next = CallableInThisTask(next)
            let answered = AnsweredBody()
            var response = try await withTracer(tracer) {
                try await tracing.handle(request, context: context) { request, context in
                    let response = try await next.call(request, context)
                    answered.body = response.body
                    return response
                }
            }
            // Dropping the wrapped body ends the span (see above).
            if let body = answered.body { response.body = body }
            return response
        }
    }
}

/// The next responder of a middleware, carried into a closure that runs in the same task.
private struct CallableInThisTask<Context: RequestContext>: @unchecked Sendable {
    let call: (Request, Context) async throws -> Response

    init(_ call: @escaping (Request, Context) async throws -> Response) {
        self.call = call
    }
}

/// The body the handler answered with, kept while `TracingMiddleware` wraps it; used in one task only.
private final class AnsweredBody: @unchecked Sendable {
    var body: ResponseBody?
}
