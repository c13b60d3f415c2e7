import AppTracing
import Hummingbird
import Tracing

/// Hummingbird's `TracingMiddleware` with this application's tracer: a server span for every request,
/// continuing the caller's trace when it sends a W3C `traceparent`.
///
/// `TracingMiddleware` asks swift-distributed-tracing for the current tracer; this middleware makes the
/// application's tracer the current one for the request (a task-local value, `withTracer`), so that no
/// process-wide tracer is bootstrapped and two applications in one process (tests) keep theirs apart.
public struct ScopedTracingMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The tracer of the application.
    public let tracer: any Tracer
    private let tracing = TracingMiddleware<Context>()

    /// Makes the middleware.
    public init(tracer: any Tracer) {
        self.tracer = tracer
    }

    /// Answers the request inside its server span.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // `withTracer` runs its closure in this task, before `handle` returns, so `next` is never used
        // concurrently: the box only tells the compiler so.
        try await withoutActuallyEscaping(next) { next in
            let next = CallableInThisTask(next)
            return try await withTracer(tracer) {
                try await tracing.handle(request, context: context, next: next.call)
            }
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
