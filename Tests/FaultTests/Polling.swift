import Foundation
import TestSupport

/// Polls `condition` every 10 ms, failing after `seconds`.
func waitUntil(seconds: Double = 30, _ condition: () -> Bool) async throws {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        guard Date() < deadline else { throw TestSupportError("a condition did not hold within \(seconds) s") }
        try await Task.sleep(nanoseconds: 10_000_000)
    }
}
