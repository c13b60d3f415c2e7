import Hummingbird

/// The request context of every app: Hummingbird's basic context with a 1 MiB body limit.
///
/// A request body larger than `maxUploadSize` is refused with `413 {"error": ...}` when a handler reads it.
public struct AppRequestContext: RequestContext {
    /// The largest request body a handler reads: 1 MiB.
    public static let bodyLimit = 1 << 20

    /// Hummingbird's per-request storage (logger, route parameters, matched route).
    public var coreContext: CoreRequestContextStorage

    /// Makes the context of one request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// The largest request body a handler reads: 1 MiB.
    public var maxUploadSize: Int { Self.bodyLimit }
}
