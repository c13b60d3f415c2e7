import Foundation
import NIOConcurrencyHelpers

/// The lines an app's logger wrote during a check, each parsed as a JSON object.
final class LogLines: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])

    /// Keeps one written line.
    func append(_ line: String) {
        lines.withLockedValue { $0.append(line) }
    }

    /// The lines written so far, as JSON objects (a line that is not one is left out).
    var objects: [[String: Any]] {
        lines.withLockedValue { $0 }.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }
}
