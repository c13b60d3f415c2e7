import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import Tracing

/// HummingbirdCore's HTTP/1 child channel with `HTTPParserErrorJSONHandler` added right after NIO's
/// request decoder, so a request the parser refuses is answered with a JSON error too.
///
/// With a tracer, the connection's requests are answered with it current (`withTracer`): the handlers'
/// own spans (`withSpan`) find it, and it is made current once per connection instead of once per
/// request (``ServerSpanMiddleware``).
///
/// Everything else (the pipeline, the request loop) is `HTTP1Channel`'s own.
public struct JSONErrorHTTP1Channel: ServerChildChannel {
    /// The channel's value: what `HTTP1Channel` hands to its request loop.
    public typealias Value = HTTP1Channel.Value

    /// The HTTP/1 channel this one extends.
    public let base: HTTP1Channel

    /// The application's tracer, if it traces.
    public let tracer: (any Tracer)?

    /// Wraps `base`, its requests answered with `tracer` current when there is one.
    public init(base: HTTP1Channel, tracer: (any Tracer)? = nil) {
        self.base = base
        self.tracer = tracer
    }

    /// Sets up `base`'s pipeline, then adds the JSON handler after the request decoder.
    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let decoder = try operations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try operations.addHandler(HTTPParserErrorJSONHandler(), position: .after(decoder))
            return value
        }
    }

    /// Runs `base`'s request loop, with the tracer current.
    public func handle(value: Value, logger: Logger) async {
        if let tracer {
            await withTracer(tracer) { await base.handle(value: value, logger: logger) }
        } else {
            await base.handle(value: value, logger: logger)
        }
    }
}
