import Foundation
import TestSupport

/// Paths in this repository and helpers to run the tools the stack tests call.
enum Repository {
    /// The repository's top folder, found from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // StackTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// A file or folder of the repository.
    static func path(_ relative: String) -> URL {
        root.appendingPathComponent(relative)
    }

    /// The text of a repository file.
    static func text(_ relative: String) throws -> String {
        try String(contentsOf: path(relative), encoding: .utf8)
    }

    /// Every `docker-compose*.yml` file at the top of the repository, sorted.
    static func composeFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { $0.hasPrefix("docker-compose") && $0.hasSuffix(".yml") }
            .sorted()
    }

    /// The folder where SwiftPM put the executables of this build (where the test runner lives).
    static var binaryFolder: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    /// The path of one of this package's executables from the current build.
    static func builtExecutable(_ name: String) throws -> String {
        var folder = binaryFolder
        // The runner may sit inside an .xctest bundle folder on some platforms.
        for _ in 0..<3 {
            let candidate = folder.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw TestSupportError(
            "\(name) was not built next to the test runner in \(binaryFolder.path): run `swift build`"
        )
    }
}
