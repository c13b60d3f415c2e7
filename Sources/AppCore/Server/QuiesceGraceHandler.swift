import Hummingbird
import NIOCore
import NIOHTTPTypes

/// Keeps a graceful shutdown from resetting requests that are already on their way.
///
/// When the server starts a graceful shutdown, every open connection gets a `ChannelShouldQuiesceEvent`.
/// Hummingbird's connection handler then closes a connection at once unless it has read a request
/// head, so a client that connected a moment before and whose request is still in the socket buffer
/// sees its connection reset without an answer (closing a socket with unread data sends a TCP reset).
/// This handler sits just before that one and:
///
/// - passes the event on at once when a request is in progress (the connection closes after its answer);
/// - otherwise holds it for `grace`: a request head arriving in that time is passed on first, so the
///   request is answered before the connection closes; with no request by then, the connection closes;
/// - from the event on, marks every response head `Connection: close`, so a keep-alive client opens
///   its next request on a new connection (to another instance) instead of racing the close.
final class QuiesceGraceHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// How long an idle connection may still deliver a request once shutdown has started.
    static let defaultGrace = TimeAmount.milliseconds(500)

    private let grace: TimeAmount
    /// Request heads read whose response end has not been written yet.
    private var requestsInProgress = 0
    /// Whether the shutdown has started for this connection.
    private var isQuiescing = false
    /// The pending close of an idle connection, while its quiesce event is held.
    private var graceTimer: Scheduled<Void>?

    init(grace: TimeAmount = QuiesceGraceHandler.defaultGrace) {
        self.grace = grace
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let isHead: Bool
        if case .head = unwrapInboundIn(data) {
            isHead = true
            requestsInProgress += 1
        } else {
            isHead = false
        }
        context.fireChannelRead(data)
        // The head has reached the connection handler, which now counts the request in progress:
        // the held event makes it close the connection after this request's answer.
        if isHead, graceTimer != nil {
            releaseQuiesceEvent(context: context)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where isQuiescing:
            head.headerFields[.connection] = "close"
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end:
            requestsInProgress = max(0, requestsInProgress - 1)
            context.write(data, promise: promise)
        default:
            context.write(data, promise: promise)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        guard !isQuiescing else { return }
        isQuiescing = true
        if requestsInProgress > 0 {
            context.fireUserInboundEventTriggered(event)
            return
        }
        graceTimer = context.eventLoop.assumeIsolated().scheduleTask(in: grace) {
            self.releaseQuiesceEvent(context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        graceTimer?.cancel()
        graceTimer = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        graceTimer?.cancel()
        graceTimer = nil
    }

    /// Passes the held quiesce event on to the connection handler.
    private func releaseQuiesceEvent(context: ChannelHandlerContext) {
        graceTimer?.cancel()
        graceTimer = nil
        context.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
    }
}
