import Foundation

/// Requests sent from several OS threads at once until told to stop (or a cap is reached), with what
/// each one got back.
///
/// The requests block on sockets, so they run on threads of their own rather than on Swift's
/// cooperative pool, which has as many threads as cores.
final class LoadLoop: @unchecked Sendable {
    /// What one request got.
    struct Outcome: Sendable {
        /// The phase the test had set when the request started.
        var phase: Int
        /// The response, or nil when the exchange failed.
        var response: RawHTTPResponse?
        /// Why the exchange failed, when it did.
        var failure: String?
        /// Seconds from sending to the whole response (or the failure).
        var seconds: Double
    }

    private let lock = NSLock()
    private var outcomes: [Outcome] = []
    private var stopping = false
    private var currentPhase = 0
    private let group = DispatchGroup()

    /// Starts `workers` threads, each sending `send()` in a loop, at most `maxPerWorker` times.
    init(workers: Int, maxPerWorker: Int, send: @escaping @Sendable () throws -> RawHTTPResponse) {
        for _ in 0..<workers {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                for _ in 0..<maxPerWorker {
                    let phase: Int? = lock.withLock { stopping ? nil : currentPhase }
                    guard let phase else { return }
                    let start = DispatchTime.now().uptimeNanoseconds
                    var outcome = Outcome(phase: phase, response: nil, failure: nil, seconds: 0)
                    do {
                        outcome.response = try send()
                    } catch {
                        outcome.failure = "\(error)"
                    }
                    outcome.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                    lock.withLock { outcomes.append(outcome) }
                }
            }
            thread.start()
        }
    }

    /// The phase recorded with the requests that start from now on.
    var phase: Int {
        get { lock.withLock { currentPhase } }
        set { lock.withLock { currentPhase = newValue } }
    }

    /// How many requests have finished so far.
    var finishedCount: Int { lock.withLock { outcomes.count } }

    /// Stops the threads, waits for the requests in flight, and returns every outcome.
    func stop() -> [Outcome] {
        lock.withLock { stopping = true }
        group.wait()
        return lock.withLock { outcomes }
    }
}
