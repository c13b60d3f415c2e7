import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal HTTP/1.1 client for checking a server the tests started as a separate process:
/// one request per connection (`Connection: close`), on 127.0.0.1.
public enum HTTPProbe {
    /// What the server answered.
    public struct Response: Sendable {
        /// The status code, such as 200.
        public var status: Int
        /// The header fields, names in lower case.
        public var headers: [String: String]
        /// The body, decoded as UTF-8.
        public var body: String
    }

    /// Sends `method path` with `body` to 127.0.0.1:`port` and returns the answer.
    public static func request(
        _ method: String = "GET",
        _ path: String,
        port: Int,
        body: String? = nil,
        timeout: TimeInterval = 10
    ) throws -> Response {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSupportError("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var time = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = FreePort.loopbackAddress(port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw TestSupportError("cannot connect to 127.0.0.1:\(port): errno \(errno)") }
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let body {
            request += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        } else {
            request += "\r\n"
        }
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestSupportError("send to 127.0.0.1:\(port) failed: errno \(errno)") }
            sent += n
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            guard n > 0 else { throw TestSupportError("no complete answer from 127.0.0.1:\(port) within \(timeout) s") }
            received.append(contentsOf: buffer[0..<n])
        }
        return try parse(String(decoding: received, as: UTF8.self), port: port)
    }

    private static func parse(_ text: String, port: Int) throws -> Response {
        guard let split = text.range(of: "\r\n\r\n") else {
            throw TestSupportError("127.0.0.1:\(port) answered without a header end: \(text.prefix(200))")
        }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw TestSupportError("127.0.0.1:\(port) answered a bad status line: \(lines[0])")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces
            )
        }
        return Response(status: status, headers: headers, body: String(text[split.upperBound...]))
    }
}
