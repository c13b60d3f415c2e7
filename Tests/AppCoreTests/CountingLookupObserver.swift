import AppCore
import Foundation

/// Counts lookups by outcome, for assertions.
final class CountingLookupObserver: ItemLookupObserver {
    private let lock = NSLock()
    private nonisolated(unsafe) var found = 0
    private nonisolated(unsafe) var missing = 0

    var counts: (found: Int, missing: Int) { lock.withLock { (found, missing) } }

    func lookupFinished(found: Bool) {
        lock.withLock {
            if found { self.found += 1 } else { missing += 1 }
        }
    }
}
