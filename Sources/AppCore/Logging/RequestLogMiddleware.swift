import Hummingbird
import Logging

/// Logs one line per request once it is answered, with the request's metadata: `method`, `route` (the
/// template, such as `/items/{key}`), `status` and `duration_ms`, and, while the request is traced, the
/// trace's `trace_id` and `span_id` (the logger's metadata provider adds them).
///
/// The level says how much a line matters, so that `LOG_LEVEL` chooses what is written: a 5xx answer is an
/// `error`, a request slower than `slowRequestThreshold` a `warning`, every other request `debug`.
///
/// Put it inside the tracing middleware, so that the line is written while the request's span is active,
/// and outside `JSONErrorMiddleware`, so that it sees every error as the answer with its final status.
public struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    /// A request at least this slow is logged as a warning.
    public let slowRequestThreshold: Duration

    /// Makes the middleware.
    public init(slowRequestThreshold: Duration = .milliseconds(500)) {
        self.slowRequestThreshold = slowRequestThreshold
    }

    /// Answers the request, then logs it.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, context: context, status: Int(response.status.code), since: start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError).map { Int($0.status.code) } ?? 500
            log(request, context: context, status: status, since: start)
            throw error
        }
    }

    private func log(_ request: Request, context: Context, status: Int, since start: ContinuousClock.Instant) {
        let duration = start.duration(to: .now)
        let level: Logger.Level =
            status >= 500 ? .error : duration >= slowRequestThreshold ? .warning : .debug
        guard context.logger.logLevel <= level else { return }
        let (seconds, attoseconds) = duration.components
        let milliseconds = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        context.logger.log(
            level: level,
            "request",
            metadata: [
                "method": .string(request.method.rawValue),
                "route": .string(context.endpointPath ?? "unmatched"),
                "status": .stringConvertible(status),
                "duration_ms": .stringConvertible((milliseconds * 1000).rounded() / 1000),
            ]
        )
    }
}
