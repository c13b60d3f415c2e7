import Foundation
import TestSupport

extension Repository {
    /// Every `docker-compose*.yml` file at the top of the repository, sorted.
    static func composeFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { $0.hasPrefix("docker-compose") && $0.hasSuffix(".yml") }
            .sorted()
    }
}
