import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 client for the app a check started on 127.0.0.1: one request per connection,
/// over NIO's HTTP/1 client pipeline.
struct LoopbackHTTPClient: Sendable {
    /// A response as the checks read it.
    struct Response: Sendable {
        /// The status code.
        var status: Int
        /// The body as UTF-8 text.
        var body: String
    }

    /// The port the app listens on.
    var port: Int
    /// The longest a request may take.
    var timeout: TimeAmount = .seconds(10)

    /// Sends `method path` with `body` (JSON when given) and `headers`, and reads the whole response.
    func send(
        _ method: HTTPMethod,
        _ path: String,
        json body: String? = nil,
        headers: [(String, String)] = []
    ) async throws -> Response {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
                        wrappingChannelSynchronously: channel
                    )
                }
            }
        let deadline = channel.channel.eventLoop.scheduleTask(in: timeout) {
            channel.channel.close(promise: nil)
        }
        defer { deadline.cancel() }
        return try await channel.executeThenClose { inbound, outbound in
            var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
            head.headers.add(name: "Host", value: "127.0.0.1:\(port)")
            head.headers.add(name: "Connection", value: "close")
            for (name, value) in headers { head.headers.add(name: name, value: value) }
            if let body {
                head.headers.add(name: "Content-Type", value: "application/json")
                head.headers.add(name: "Content-Length", value: String(body.utf8.count))
            }
            // One write for the whole request. A server may answer and close before it has read all of it
            // (a 400 for a body it refuses): then the write fails but the answer is there to read.
            var parts: [HTTPClientRequestPart] = [.head(head)]
            if let body { parts.append(.body(.byteBuffer(ByteBuffer(string: body)))) }
            parts.append(.end(nil))
            var writeError: (any Error)?
            do {
                try await outbound.write(contentsOf: parts)
            } catch {
                writeError = error
            }
            var status = 0
            var collected = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let responseHead):
                    status = Int(responseHead.status.code)
                case .body(var chunk):
                    collected.writeBuffer(&chunk)
                case .end:
                    return Response(status: status, body: String(buffer: collected))
                }
            }
            throw ExerciseCheckError(
                "the app closed the connection before answering \(method) \(path)"
                    + (writeError.map { " (sending it failed: \($0))" } ?? "")
            )
        }
    }
}
