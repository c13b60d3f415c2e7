import Hummingbird

/// Injects the faults of a `FaultConfiguration`: extra latency on a fraction of requests, and
/// `500 {"error": "injected fault: ..."}` on a fraction of item requests.
///
/// It runs inside `JSONErrorMiddleware` and inside the metrics middleware, so an injected delay or
/// error is measured and rendered like a real one. Probes and scrapes pass untouched.
public struct FaultInjectionMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The faults to inject.
    public let faults: FaultConfiguration

    /// Makes the middleware injecting `faults`.
    public init(faults: FaultConfiguration) {
        self.faults = faults
    }

    /// Delays and fails `request` as the configuration says, else passes it on.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        if path == "/" || path == "/healthz" || path == "/metrics" {
            return try await next(request, context)
        }
        if let latency = faults.latency, Double.random(in: 0..<1) < faults.latencyRatio {
            try await Task.sleep(for: latency)
        }
        if faults.errorRatio > 0, path == "/items" || path.hasPrefix("/items/"),
            Double.random(in: 0..<1) < faults.errorRatio
        {
            throw AppError(
                .internalServerError,
                "injected fault: FAULT_ERROR_RATIO=\(faults.errorRatio) fails this share of item requests on purpose"
            )
        }
        return try await next(request, context)
    }
}
