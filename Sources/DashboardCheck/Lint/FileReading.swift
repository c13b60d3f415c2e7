import Foundation

/// Reads files and finds the dashboards under directories.
public enum FileReading {
    /// The file's bytes, or nil when it cannot be read.
    public static func bytes(atPath path: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return [UInt8](data)
    }

    /// The `*.json` files under each path (directories recursively, in name order; hidden files and
    /// directories skipped); a path that is a file is kept as given, whatever its name.
    public static func dashboardFiles(in paths: [String]) -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                files.append(path)
                continue
            }
            guard let enumerator = manager.enumerator(atPath: path) else {
                files.append(path)
                continue
            }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let components = relative.split(separator: "/")
                guard !components.contains(where: { $0.hasPrefix(".") }) else { continue }
                if relative.hasSuffix(".json") {
                    found.append(path.hasSuffix("/") ? path + relative : path + "/" + relative)
                }
            }
            files.append(contentsOf: found.sorted())
        }
        return files
    }
}
