import AppTracing
import NIOCore
import NIOHTTP1

/// Gives the HTTP parser's refusals a JSON body, like every other error of the apps.
///
/// When NIO's HTTP/1 decoder cannot parse a request (a NUL byte in the request line, a header over
/// the size limit, a request line that is not HTTP), HummingbirdCore answers `400` with
/// `Connection: close` and an empty body, then closes the connection; no router, middleware or
/// handler runs. This handler sits between the decoder and Hummingbird's codec: it sees the parser's
/// error on its way in, then rewrites that empty `400` on its way out into
/// `{"error": "malformed HTTP request: ..."}`, or `431` when the headers are over the limit.
/// Every other response passes untouched.
final class HTTPParserErrorJSONHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// The largest header field and header list HummingbirdCore's HTTP/1 decoder accepts by default.
    static let headerLimitKiB = 80

    private var parserError: HTTPParserError?
    private var pendingBody: ByteBuffer?

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? HTTPParserError {
            parserError = error
        }
        context.fireErrorCaught(error)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head):
            // HummingbirdCore's answer to a parser error is the only 400 with an empty body: the app's
            // own 400s always carry JSON.
            guard let error = parserError, head.status == .badRequest, head.headers["content-length"] == ["0"]
            else {
                context.write(data, promise: promise)
                return
            }
            let refusal = Self.refusal(for: error)
            let body = context.channel.allocator.buffer(string: "{\"error\":\(refusal.message.jsonQuoted)}")
            head.status = refusal.status
            head.headers.replaceOrAdd(name: "content-type", value: "application/json; charset=utf-8")
            head.headers.replaceOrAdd(name: "content-length", value: String(body.readableBytes))
            pendingBody = body
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end(let trailers):
            if let body = pendingBody {
                pendingBody = nil
                context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
                context.write(wrapOutboundOut(.end(trailers)), promise: promise)
            } else {
                context.write(data, promise: promise)
            }
        case .body:
            context.write(data, promise: promise)
        }
    }

    /// The status and message for a request the parser refused.
    static func refusal(for error: HTTPParserError) -> (status: HTTPResponseStatus, message: String) {
        switch error {
        case .headerOverflow:
            (
                .requestHeaderFieldsTooLarge,
                "request headers are too large: the limit is \(headerLimitKiB) KiB for one field and for all of them"
            )
        default:
            (.badRequest, "malformed HTTP request: \(error.debugDescription)")
        }
    }
}
