import Foundation

/// The modification times and sizes of a set of files, to notice a save by polling (which works the
/// same on Linux and macOS, in containers and on network folders).
public struct FileSnapshot: Equatable, Sendable {
    private var entries: [String: Stamp]

    private struct Stamp: Equatable, Sendable {
        var modified: Date?
        var size: Int?
    }

    /// Reads the stamps of `paths`; a folder stands for the files directly inside it.
    public init(paths: [String]) {
        var entries: [String: Stamp] = [:]
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
                entries[path] = Stamp(modified: nil, size: nil)
                continue
            }
            let files =
                isFolder.boolValue
                ? ((try? manager.contentsOfDirectory(atPath: path)) ?? []).map { path + "/" + $0 } : [path]
            for file in files {
                let attributes = try? manager.attributesOfItem(atPath: file)
                entries[file] = Stamp(
                    modified: attributes?[.modificationDate] as? Date,
                    size: (attributes?[.size] as? NSNumber)?.intValue
                )
            }
        }
        self.entries = entries
    }

    /// The files whose stamp differs between `self` and `other` (added, removed or changed).
    public func changes(since other: FileSnapshot) -> [String] {
        Set(entries.keys).union(other.entries.keys).filter { entries[$0] != other.entries[$0] }.sorted()
    }
}
