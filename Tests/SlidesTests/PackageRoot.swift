import Foundation

/// Where the package's files are: the folder two levels above this test target's sources.
enum PackageRoot {
    /// The package root, found from this file's path so the tests work from any directory.
    static let url: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()  // SlidesTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The file at `relativePath` under the package root.
    static func file(_ relativePath: String) -> URL {
        url.appendingPathComponent(relativePath)
    }

    /// The text of the file at `relativePath`, or an error naming it.
    static func read(_ relativePath: String) throws -> String {
        do {
            return try String(contentsOf: file(relativePath), encoding: .utf8)
        } catch {
            throw SlideCheckError("\(relativePath): cannot be read (\(error.localizedDescription))")
        }
    }
}
