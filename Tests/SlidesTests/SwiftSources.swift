import Foundation
import TestSupport

/// The Swift files of a folder of the package, read once.
struct SwiftSources: Sendable {
    /// The file's path, relative to the package root.
    var path: String
    /// The file's text.
    var text: String

    /// Every `.swift` file under `folder` (relative to the package root), sorted by path.
    static func load(under folder: String) throws -> [SwiftSources] {
        let base = Repository.path(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
            throw SlideCheckError("\(folder): cannot be listed")
        }
        var files: [SwiftSources] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            let relative = folder + url.path.dropFirst(base.path.count)
            files.append(SwiftSources(path: relative, text: try Repository.text(relative)))
        }
        return files.sorted { $0.path < $1.path }
    }
}
