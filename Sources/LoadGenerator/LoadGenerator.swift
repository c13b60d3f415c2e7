import NIOCore
import NIOPosix

/// Runs load against an HTTP server: a fixed request rate (open loop), bounded concurrency over
/// keep-alive connections, a realistic mix for the items API, every latency recorded.
public enum LoadGenerator {
    /// Runs the load described by `options` and returns the report when the run is over.
    ///
    /// The run stops by itself: requests are started for `durationSeconds`, then requests still
    /// in flight get `drainSeconds` to finish. `progress` is called about five times a second.
    public static func run(
        _ options: LoadOptions,
        progress: (@Sendable (LoadProgress) -> Void)? = nil
    ) async throws -> LoadReport {
        try options.validate()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let run = LoadRun(options: options, eventLoop: group.next(), progress: progress)
        let result: Result<LoadReport, Error>
        do {
            result = .success(try await run.begin().get())
        } catch {
            result = .failure(error)
        }
        try await group.shutdownGracefully()
        return try result.get()
    }
}
