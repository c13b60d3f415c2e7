/// One command waiting for a worker thread: its arguments, its deadline and the task awaiting it.
struct RedisJob: Sendable {
    /// The command and its arguments, such as `["SET", "user:1", "Folan"]`.
    let arguments: [String]
    /// When the command must have its reply, on the monotonic clock in nanoseconds.
    let deadline: UInt64
    private let continuation: UnsafeContinuation<Result<RedisValue, RedisError>, Never>

    init(
        arguments: [String],
        deadline: UInt64,
        continuation: UnsafeContinuation<Result<RedisValue, RedisError>, Never>
    ) {
        self.arguments = arguments
        self.deadline = deadline
        self.continuation = continuation
    }

    /// Resumes the awaiting task. Called exactly once per job.
    func complete(_ result: Result<RedisValue, RedisError>) {
        continuation.resume(returning: result)
    }
}
