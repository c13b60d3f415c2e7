import Foundation

/// Where the repository's files and this build's executables are, for every test target.
public enum Repository {
    /// The repository's top folder, found from this file's path so the tests work from any directory.
    public static let root: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The file or folder at `relative` under the repository's top folder.
    public static func path(_ relative: String) -> URL {
        root.appendingPathComponent(relative)
    }

    /// The text of the file at `relative`.
    ///
    /// - Throws: `TestSupportError` naming the file when it cannot be read.
    public static func text(_ relative: String) throws -> String {
        do {
            return try String(contentsOf: path(relative), encoding: .utf8)
        } catch {
            throw TestSupportError("\(relative): cannot be read (\(error.localizedDescription))")
        }
    }

    /// The path of an executable product of this package (such as `redis-app`), built next to the test
    /// binary by `swift build` / `swift test`.
    ///
    /// - Throws: `TestSupportError` saying to run `swift build --product <name>` when it is missing.
    public static func builtExecutable(_ name: String) throws -> String {
        var folders: [URL] = []
        // On Linux the test binary is `<Package>PackageTests.xctest` in the build folder; on macOS it is
        // inside the .xctest bundle, further down.
        for start in [Bundle.main.executableURL, URL(fileURLWithPath: CommandLine.arguments[0])] {
            guard var folder = start?.deletingLastPathComponent() else { continue }
            for _ in 0..<4 {
                folders.append(folder)
                folder.deleteLastPathComponent()
            }
        }
        for folder in folders {
            let candidate = folder.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TestSupportError(
            "the executable \(name) was not found next to the tests (looked in "
                + folders.map(\.path).joined(separator: ", ") + "): build it with `swift build --product \(name)`"
        )
    }
}
