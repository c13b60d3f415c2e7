/// Watches the commands a `RedisClient` runs, for metrics.
///
/// The client calls `commandFinished` once per command, after its reply or error, from the task
/// that awaited the command. Implementations must be cheap and must not block.
public protocol RedisCommandObserver: Sendable {
    /// Called once per command.
    ///
    /// - Parameters:
    ///   - command: the command's name in capitals: `GET`, `SET`, `DEL`, `SCAN`, `MGET`, `PING`, `INFO`.
    ///   - duration: from the call until the reply or error, time waiting for a connection included.
    ///   - error: why the command failed, or nil when it succeeded.
    func commandFinished(_ command: String, duration: Duration, error: RedisError?)
}
