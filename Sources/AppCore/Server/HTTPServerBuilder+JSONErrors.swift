import HummingbirdCore

extension HTTPServerBuilder {
    /// An HTTP/1 server whose refusals of unparsable requests are JSON errors too
    /// (see `JSONErrorHTTP1Channel`); otherwise `.http1(configuration:)`.
    public static func http1WithJSONErrors(configuration: HTTP1Channel.Configuration = .init()) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            JSONErrorHTTP1Channel(base: HTTP1Channel(responder: responder, configuration: configuration))
        }
    }
}
