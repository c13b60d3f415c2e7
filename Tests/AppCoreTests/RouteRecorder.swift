import Foundation

/// Collects lines from a middleware, for assertions.
final class RouteRecorder: Sendable {
    private let lock = NSLock()
    private nonisolated(unsafe) var lines: [String] = []

    var entries: [String] { lock.withLock { lines } }

    func record(_ line: String) {
        lock.withLock { lines.append(line) }
    }
}
