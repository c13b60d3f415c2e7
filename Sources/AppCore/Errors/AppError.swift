import AppTracing
import Hummingbird
import NIOCore
import RedisClient

/// The one error type of the apps: an HTTP status and a message a person can act on, rendered as
/// `{"error": "<message>"}`.
///
/// `JSONErrorMiddleware` turns every other error into one of these, so every error body of every
/// app has this shape.
public struct AppError: Error, HTTPResponseError, Sendable, Equatable, CustomStringConvertible {
    /// The response's status.
    public var status: HTTPResponse.Status
    /// The text of the `error` field.
    public var message: String
    /// Extra response headers, such as `Allow` on a 405.
    public var headers: HTTPFields

    /// Makes an error with `status` and `message`.
    public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    /// `400 Bad Request`: the request itself is wrong (bad JSON, missing or non-string field, bad parameter).
    public static func badRequest(_ message: String) -> AppError {
        AppError(.badRequest, message)
    }

    /// `404 Not Found`.
    public static func notFound(_ message: String) -> AppError {
        AppError(.notFound, message)
    }

    /// `405 Method Not Allowed` for `method` on `path`, with the `Allow` header listing `allowed`.
    public static func methodNotAllowed(
        _ method: HTTPRequest.Method,
        path: String,
        allowed: [HTTPRequest.Method]
    ) -> AppError {
        let list = allowed.map(\.rawValue).joined(separator: ", ")
        return AppError(
            .methodNotAllowed,
            "method \(method.rawValue) is not allowed on \(path); allowed: \(list)",
            headers: [.allow: list]
        )
    }

    /// `413 Content Too Large`: the body is over the 1 MiB limit.
    public static let contentTooLarge = AppError(
        .contentTooLarge,
        "request body is larger than the limit of \(AppRequestContext.bodyLimit) bytes (1 MiB)"
    )

    /// `415 Unsupported Media Type`: the body of a request that takes JSON was sent as `contentType`
    /// (nil when the request had no `Content-Type` header).
    public static func unsupportedMediaType(_ contentType: String?) -> AppError {
        guard let contentType else {
            return AppError(
                .unsupportedMediaType,
                "missing Content-Type header: send the body as Content-Type: application/json"
            )
        }
        return AppError(
            .unsupportedMediaType,
            "Content-Type must be application/json, got '\(contentType)'"
        )
    }

    /// The status and message for a failed Redis command: 503 when Redis is unreachable or too slow,
    /// 502 when it answered with an error or something unreadable. The message names Redis's address.
    public init(_ error: RedisError) {
        switch error {
        case .connectionFailed, .timeout:
            self.init(.serviceUnavailable, error.description)
        case .serverError, .protocol:
            self.init(.badGateway, error.description)
        }
    }

    /// The status and message for any error a handler or Hummingbird threw while answering `request`.
    public init(_ error: any Error, request: Request) {
        switch error {
        case let error as AppError:
            self = error
        case let error as RedisError:
            self.init(error)
        case is NIOTooManyBytesError:
            self = .contentTooLarge
        case let error as HTTPError where error.status == .notFound && error.body == nil:
            self.init(
                .notFound,
                "no route for \(request.method.rawValue) \(request.uri.path)",
                headers: error.headers
            )
        case let error as HTTPError:
            self.init(
                error.status,
                error.body ?? error.status.reasonPhrase.lowercased(),
                headers: error.headers
            )
        case let error as any HTTPResponseError:
            self.init(error.status, error.status.reasonPhrase.lowercased())
        case is DecodingError:
            self.init(.badRequest, "request body is not valid JSON")
        default:
            self.init(.internalServerError, "internal error: \(String(describing: type(of: error)))")
        }
    }

    /// Renders the error as `{"error": "<message>"}` with its status and headers.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response.json("{\"error\":\(message.jsonQuoted)}", status: status, headers: headers)
    }

    /// `<status code> <message>`, for logs.
    public var description: String { "\(status.code) \(message)" }
}
