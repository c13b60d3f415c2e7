import Foundation

/// Finds and reads a submission's Prometheus rule files.
public enum RuleFiles {
    /// Rule files read, and those that could not be.
    public struct Found: Sendable {
        /// The files read, named as given or found.
        public var files: [AlertRuleCheck.RuleFile]
        /// The paths that could not be read.
        public var unreadable: [String]
    }

    /// The `*.yml` and `*.yaml` files of the `rules/` folder beside a dashboard
    /// (`dashboards/rules/`), else of its parent (`Exercises/rules/` for
    /// `Exercises/dashboards/workshop.json`); nil when there is no such folder. Paths are relative to
    /// `root` (the current directory when nil) and named as written.
    public static func beside(dashboard: String, root: String? = nil) -> Found? {
        let folder = parent(of: dashboard)
        for candidate in [join(folder, "rules"), join(parent(of: folder), "rules")] {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: resolve(candidate, root), isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                return load(candidate, root: root)
            }
        }
        return nil
    }

    /// Reads `path`: a rule file, or a folder whose `*.yml` and `*.yaml` files are read in name order.
    public static func load(_ path: String, root: String? = nil) -> Found {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolve(path, root), isDirectory: &isDirectory) else {
            return Found(files: [], unreadable: [path])
        }
        var paths = [path]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: resolve(path, root))) ?? []
            paths = names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { join(path, $0) }
        }
        var found = Found(files: [], unreadable: [])
        for file in paths {
            if let text = try? String(contentsOfFile: resolve(file, root), encoding: .utf8) {
                found.files.append(AlertRuleCheck.RuleFile(path: file, text: text))
            } else {
                found.unreadable.append(file)
            }
        }
        return found
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    private static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder + "/" + name
    }

    private static func resolve(_ path: String, _ root: String?) -> String {
        guard let root, !path.hasPrefix("/") else { return path }
        return join(root, path)
    }
}
