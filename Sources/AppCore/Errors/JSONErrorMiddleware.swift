import Hummingbird
import Logging

/// Renders every error thrown below it, its own or Hummingbird's (unknown route, body too large,
/// bad JSON), as `{"error": "<message>"}` with the right status, through `AppError`.
///
/// Middleware added before it sees these errors as ordinary responses, with their final status.
public struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Makes the middleware.
    public init() {}

    /// Passes the request on and turns a thrown error into its JSON response.
    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let appError = AppError(error, request: request)
            if appError.status.code >= 500 {
                context.logger.info(
                    "request failed",
                    metadata: ["status": "\(appError.status.code)", "error": "\(appError.message)"]
                )
            } else {
                context.logger.debug(
                    "request refused",
                    metadata: ["status": "\(appError.status.code)", "error": "\(appError.message)"]
                )
            }
            return try appError.response(from: request, context: context)
        }
    }
}
