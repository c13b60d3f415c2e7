/// Why a raw HTTP exchange did not produce a response.
enum RawHTTPError: Error, CustomStringConvertible {
    /// The connection could not be made; `errno` says why (ECONNREFUSED when nothing listens).
    case connectFailed(port: Int, errno: Int32)
    /// The peer reset or closed the connection before a whole response came; `received` is what came.
    case closed(received: Int)
    /// Nothing (or not enough) came within the receive timeout.
    case timedOut(seconds: Double, received: Int)
    /// The bytes are not an HTTP response.
    case malformed(String)
    /// A socket call failed.
    case socket(String, errno: Int32)

    var description: String {
        switch self {
        case .connectFailed(let port, let errno): "cannot connect to 127.0.0.1:\(port): errno \(errno)"
        case .closed(let received): "the connection closed after \(received) bytes, before a whole response"
        case .timedOut(let seconds, let received): "no whole response within \(seconds) s (\(received) bytes came)"
        case .malformed(let message): "malformed response: \(message)"
        case .socket(let call, let errno): "\(call) failed: errno \(errno)"
        }
    }
}
