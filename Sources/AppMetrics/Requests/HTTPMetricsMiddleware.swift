import Hummingbird

/// Measures every request the router serves and reports it to a ``RequestMetricsRecorder``.
///
/// It times each request, reads its route template from `context.endpointPath` (so `/items/a` and `/items/b`
/// are both `/items/{key}`), puts requests that matched no route under the one handler value
/// ``MetricNames/unmatchedHandler``, and turns a thrown error into its status (an `HTTPResponseError`'s own
/// status, 500 for any other error) before rethrowing it, so 404, 400 and 503 are counted and timed like any
/// other response. Add it to the router before the routes, so it wraps them all and the not-found responder.
public struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The method's name as reported: the standard methods by name, any other as `other`, so arbitrary
    /// methods cannot add series.
    public static func methodLabel(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get: return "GET"
        case .head: return "HEAD"
        case .post: return "POST"
        case .put: return "PUT"
        case .delete: return "DELETE"
        case .patch: return "PATCH"
        case .options: return "OPTIONS"
        case .connect: return "CONNECT"
        case .trace: return "TRACE"
        default: return "other"
        }
    }

    private let recorder: any RequestMetricsRecorder

    /// Creates the middleware reporting to `recorder`.
    public init(recorder: any RequestMetricsRecorder) {
        self.recorder = recorder
    }

    /// Times the request, reports it, and returns the response or rethrows the error.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // slide:metrics-middleware
        let start = ContinuousClock.now
        let method = Self.methodLabel(request.method)
        recorder.requestStarted()
        do {
            let response = try await next(request, context)
            recorder.requestFinished(
                method: method,
                handler: Self.handler(of: context),
                status: Int(response.status.code),
                duration: ContinuousClock.now - start
            )
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            recorder.requestFinished(
                method: method,
                handler: Self.handler(of: context),
                status: Int(status),
                duration: ContinuousClock.now - start
            )
            throw error
        }
        // end-slide
    }

    /// The route template the router matched, or ``MetricNames/unmatchedHandler``.
    ///
    /// Hummingbird's not-found responder sets the endpoint path to `NotFound`; both that and no path at all
    /// mean that no route matched.
    static func handler(of context: Context) -> String {
        guard let path = context.endpointPath, path != "NotFound" else { return MetricNames.unmatchedHandler }
        return path
    }
}
