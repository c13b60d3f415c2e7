/// A reply from Redis (RESP2), converted from hiredis's reply object.
public enum RedisValue: Sendable, Equatable {
    /// A bulk string, decoded as UTF-8 (invalid bytes become U+FFFD).
    case string(String)
    /// A status reply, such as `OK` or `PONG`.
    case status(String)
    /// An integer reply.
    case integer(Int)
    /// The null bulk string or null array: a missing key, for instance.
    case null
    /// An array reply.
    case array([RedisValue])
    /// An error reply nested in an array (a top-level error reply is thrown as `RedisError.serverError`).
    case error(String)
}
