import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import NIOPosix

/// An HTTP/1.1 client for a server on 127.0.0.1, over NIO's HTTP/1 client pipeline: one connection per
/// request (`Connection: close`), so requests sent at once travel side by side.
public struct LoopbackClient: Sendable {
    /// The port the server listens on.
    public let port: Int
    /// The longest a request may take, from connecting to the end of the response.
    public var timeout: TimeAmount = .seconds(20)

    /// A client for the server listening on 127.0.0.1:`port`.
    public init(port: Int) {
        self.port = port
    }

    /// Sends `method uri` with `headers` and `body` (framed with `Content-Length` when given) and reads the
    /// whole response.
    ///
    /// - Throws: `TestSupportError` when the server closes the connection before a whole response, or when
    ///   no whole response arrives within `timeout`.
    public func execute(
        uri: String,
        method: HTTPRequest.Method,
        headers: HTTPFields = [:],
        body: ByteBuffer? = nil
    ) async throws -> LoopbackResponse {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPClientCodec())
                    return try NIOAsyncChannel<HTTPResponsePart, HTTPRequestPart>(wrappingChannelSynchronously: channel)
                }
            }
        let deadline = channel.channel.eventLoop.scheduleTask(in: timeout) {
            channel.channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        let port = port
        return try await channel.executeThenClose { inbound, outbound in
            var request = HTTPRequest(
                method: method,
                scheme: "http",
                authority: "127.0.0.1:\(port)",
                path: uri,
                headerFields: headers
            )
            request.headerFields[.connection] = "close"
            if let body { request.headerFields[.contentLength] = String(body.readableBytes) }
            // One write for the whole request. A server may answer and close before it has read all of it
            // (a 400 for a body it refuses): then the write fails but the answer is there to read.
            var parts: [HTTPRequestPart] = [.head(request)]
            if let body { parts.append(.body(body)) }
            parts.append(.end(nil))
            var writeError: (any Error)?
            do {
                try await outbound.write(contentsOf: parts)
            } catch {
                writeError = error
            }
            var head: HTTPResponse?
            var collected = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let response):
                    // Informational answers (1xx) come before the final one.
                    if response.status.kind != .informational { head = response }
                case .body(var chunk):
                    collected.writeBuffer(&chunk)
                case .end:
                    if let head {
                        return LoopbackResponse(status: head.status, headers: head.headerFields, body: collected)
                    }
                }
            }
            throw TestSupportError(
                "127.0.0.1:\(port) closed the connection before a whole answer to \(method) \(uri) "
                    + "(or none came within \(timeout.nanoseconds / 1_000_000_000) s)"
                    + (writeError.map { "; sending it failed: \($0)" } ?? "")
            )
        }
    }

    /// Sends `method uri` like ``execute(uri:method:headers:body:)`` and returns what `check` makes of the
    /// response.
    public func execute<Value>(
        uri: String,
        method: HTTPRequest.Method,
        headers: HTTPFields = [:],
        body: ByteBuffer? = nil,
        _ check: (LoopbackResponse) throws -> Value
    ) async throws -> Value {
        try check(try await execute(uri: uri, method: method, headers: headers, body: body))
    }
}
