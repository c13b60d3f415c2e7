import Foundation

/// Counts of statuses, added to from several threads.
final class LockedCounts: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int: Int] = [:]
    private var missing = 0

    /// Counts one response.
    func add(_ status: Int, hasJSONError: Bool) {
        lock.withLock {
            counts[status, default: 0] += 1
            if !hasJSONError { missing += 1 }
        }
    }

    /// The counts so far, by status.
    var snapshot: [Int: Int] { lock.withLock { counts } }
    /// How many responses had no `{"error": ...}` body.
    var withoutJSONError: Int { lock.withLock { missing } }
}
