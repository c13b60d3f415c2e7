import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP connection to 127.0.0.1 that sends bytes exactly as given, so a test can send what an HTTP
/// client library would refuse or normalise (NUL bytes, invalid UTF-8, pipelined requests, HTTP/1.0),
/// and reads the responses back one by one.
final class RawHTTPConnection {
    /// The socket.
    let fd: Int32
    /// How long one read may wait before the exchange counts as hung.
    let timeout: Double
    private var buffer: [UInt8] = []
    private var peerClosed = false
    private var isClosed = false

    /// Connects to 127.0.0.1:`port`.
    ///
    /// - Parameter timeout: the longest a send or a wait for a response may take.
    init(port: Int, timeout: Double = 10) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPError.socket("socket", errno: errno) }
        var time = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in.loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(fd)
            throw RawHTTPError.connectFailed(port: port, errno: code)
        }
        self.fd = fd
        self.timeout = timeout
    }

    deinit { closeConnection() }

    /// Sends `text` as UTF-8.
    func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Sends `bytes`, all of them.
    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE || errno == ECONNRESET { throw RawHTTPError.closed(received: buffer.count) }
                throw RawHTTPError.socket("send", errno: errno)
            }
            sent += n
        }
    }

    /// Sends `bytes` until the peer stops taking them; returns how many it took.
    ///
    /// For requests whose body the server may refuse early (a body over the limit): a server that
    /// answers and closes mid-body makes a plain `send` fail, yet its answer is still there to read.
    @discardableResult
    func sendTolerantly(_ bytes: [UInt8]) -> Int {
        (try? send(bytes)).map { bytes.count } ?? 0
    }

    /// Reads the next response.
    ///
    /// - Throws: `RawHTTPError.timedOut` when nothing complete comes within the timeout,
    ///   `RawHTTPError.closed` when the peer closes first.
    func readResponse() throws -> RawHTTPResponse {
        while true {
            if let (response, used) = try RawHTTPResponse.parse(buffer[...], complete: peerClosed) {
                buffer.removeFirst(used)
                return response
            }
            if peerClosed { throw RawHTTPError.closed(received: buffer.count) }
            try receiveMore()
        }
    }

    /// Waits until the peer closes the connection; returns whatever came that no response used.
    ///
    /// - Throws: `RawHTTPError.timedOut` when the peer keeps it open past the timeout.
    func readUntilClosed() throws -> [UInt8] {
        while !peerClosed { try receiveMore() }
        return buffer
    }

    /// True when the peer has closed its side (as far as the reads so far tell).
    var isClosedByPeer: Bool { peerClosed }

    /// Closes the socket.
    func closeConnection() {
        guard !isClosed else { return }
        isClosed = true
        close(fd)
    }

    private func receiveMore() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 {
            buffer.append(contentsOf: chunk[0..<n])
        } else if n == 0 {
            peerClosed = true
        } else if errno == EAGAIN || errno == EWOULDBLOCK {
            throw RawHTTPError.timedOut(seconds: timeout, received: buffer.count)
        } else if errno == ECONNRESET {
            peerClosed = true
        } else if errno != EINTR {
            throw RawHTTPError.socket("recv", errno: errno)
        }
    }
}
