import Foundation

/// A flag set once from any thread.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    /// Sets the flag.
    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }

    /// True once ``set()`` ran.
    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
