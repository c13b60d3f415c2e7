import HummingbirdCore
import Tracing

extension HTTPServerBuilder {
    /// An HTTP/1 server whose refusals of unparsable requests are JSON errors too
    /// (see `JSONErrorHTTP1Channel`), answered with `tracer` current when there is one; otherwise
    /// `.http1(configuration:)`.
    public static func http1WithJSONErrors(
        configuration: HTTP1Channel.Configuration = .init(),
        tracer: (any Tracer)? = nil
    ) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            JSONErrorHTTP1Channel(
                base: HTTP1Channel(responder: responder, configuration: configuration),
                tracer: tracer
            )
        }
    }
}
