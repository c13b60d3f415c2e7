import Foundation
import TestSupport

/// Threads that send requests to an app one after another, each on its own connection, until told
/// to stop or until the app stops accepting connections; they count how every request ended.
///
/// A request the app refused at connect time was never in flight (the listener was closed); any
/// other failure (a reset, a cut answer, a status other than the expected one) is counted as failed.
final class LoadLoop: @unchecked Sendable {
    /// How the requests ended.
    struct Outcome: Sendable, Equatable {
        /// Requests answered with the expected status.
        var succeeded = 0
        /// Connections refused: the app no longer listened.
        var refused = 0
        /// Requests that had started and did not get the expected answer.
        var failed = 0
        /// What the first few failures were, for the test's message.
        var failures: [String] = []
    }

    private let lock = NSLock()
    private var outcome = Outcome()
    private var stopping = false
    private var running = 0

    /// Starts `threads` threads sending `method path` to 127.0.0.1:`port`, expecting `status`.
    init(threads: Int, port: Int, method: String = "GET", path: String, body: String? = nil, status: Int = 200) {
        running = threads
        for _ in 0..<threads {
            let thread = Thread { [self] in
                while !lock.withLock({ stopping }) {
                    do {
                        let answer = try HTTPProbe.request(method, path, port: port, body: body, timeout: 30)
                        record { outcome in
                            if answer.status == status {
                                outcome.succeeded += 1
                            } else {
                                outcome.failed += 1
                                outcome.failures.append("status \(answer.status): \(answer.body)")
                            }
                        }
                    } catch {
                        let message = "\(error)"
                        if message.hasPrefix("cannot connect") {
                            record { $0.refused += 1 }
                            break
                        }
                        record { outcome in
                            outcome.failed += 1
                            outcome.failures.append(message)
                        }
                    }
                }
                lock.withLock { running -= 1 }
            }
            thread.start()
        }
    }

    /// The outcome so far.
    var current: Outcome { lock.withLock { outcome } }

    /// Tells the threads to stop after their current request and waits for them (at most `timeout` seconds).
    func stop(timeout: TimeInterval = 60) -> Outcome {
        lock.withLock { stopping = true }
        return waitUntilFinished(timeout: timeout)
    }

    /// Waits until every thread has ended on its own (the app stopped accepting connections).
    func waitUntilFinished(timeout: TimeInterval = 60) -> Outcome {
        let deadline = Date().addingTimeInterval(timeout)
        while lock.withLock({ running }) > 0, Date() < deadline { usleep(10_000) }
        return current
    }

    private func record(_ change: (inout Outcome) -> Void) {
        lock.withLock {
            change(&outcome)
            if outcome.failures.count > 5 { outcome.failures.removeLast() }
        }
    }
}
