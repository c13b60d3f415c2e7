/// An error of a Redis command, carrying the address of the server it concerns.
///
/// Errors never crash the process: a command that cannot be answered fails with one of these,
/// and the next command tries a fresh connection.
public enum RedisError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The client could not connect to the server at `address`, or lost the connection.
    case connectionFailed(address: String, reason: String)
    /// The server at `address` did not answer within the client's timeout.
    case timeout(address: String)
    /// The server answered the command with an error reply, such as `WRONGTYPE ...`.
    case serverError(String)
    /// The server at `address` sent bytes that are not a Redis reply, or a reply of an unexpected shape.
    case `protocol`(address: String, message: String)

    /// A short, fixed name for the error's category, for metric labels: `connection`, `timeout`,
    /// `server` or `protocol`.
    public var kind: String {
        switch self {
        case .connectionFailed: "connection"
        case .timeout: "timeout"
        case .serverError: "server"
        case .protocol: "protocol"
        }
    }

    /// A sentence a person can act on, naming the server's address.
    public var description: String {
        switch self {
        case .connectionFailed(let address, let reason):
            "Redis at \(address) is unreachable: \(reason)"
        case .timeout(let address):
            "Redis at \(address) did not answer in time"
        case .serverError(let message):
            "Redis answered with an error: \(message)"
        case .protocol(let address, let message):
            "Redis at \(address) sent an unexpected reply: \(message)"
        }
    }
}
