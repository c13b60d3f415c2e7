import NIOCore
import NIOHTTP1

/// Reads HTTP responses on one keep-alive connection and reports each to the run that owns it.
final class ResponseHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let run: LoadRun
    private let connectionID: Int
    private var status: Int?
    private var keepAlive = true

    init(run: LoadRun, connectionID: Int) {
        self.run = run
        self.connectionID = connectionID
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            status = Int(head.status.code)
            keepAlive = head.isKeepAlive
        case .body:
            break
        case .end:
            let finished = status ?? 0
            status = nil
            run.responseReceived(connectionID: connectionID, status: finished, keepAlive: keepAlive)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        run.connectionClosed(connectionID: connectionID, reason: "connection closed by the server")
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        run.connectionClosed(connectionID: connectionID, reason: Self.describe(error))
        context.close(promise: nil)
    }

    /// A short, stable description of a transport error, used to group errors in the report.
    static func describe(_ error: Error) -> String {
        if let ioError = error as? IOError {
            return "\(ioError.description)"
        }
        return String(describing: type(of: error)) + ": " + String(describing: error)
    }
}
