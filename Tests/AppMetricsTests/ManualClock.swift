import Foundation

/// A monotonic clock that only moves when a test moves it.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Duration = .zero

    /// The current time.
    func now() -> Duration {
        lock.withLock { current }
    }

    /// Sets the current time.
    func set(_ time: Duration) {
        lock.withLock { current = time }
    }
}
