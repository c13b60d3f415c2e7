import Foundation

/// Where the repository is: exercise files are found relative to its root.
public struct RepositoryLayout: Sendable {
    /// The repository's root folder.
    public var root: String

    /// Makes a layout rooted at `root`.
    public init(root: String) {
        self.root = root
    }

    /// The repository holding the current directory (or one of its parents), else the one this
    /// source file was built from.
    public static func locate(from directory: String = FileManager.default.currentDirectoryPath) -> RepositoryLayout? {
        var candidate = URL(fileURLWithPath: directory)
        for _ in 0..<32 {
            if FileManager.default.fileExists(
                atPath: candidate.appendingPathComponent(ExerciseManifest.relativePath).path
            ) {
                return RepositoryLayout(root: candidate.path)
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { break }
            candidate = parent
        }
        // Sources/Course/Model/RepositoryLayout.swift: the root is four levels up.
        let built = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: built.appendingPathComponent(ExerciseManifest.relativePath).path) {
            return RepositoryLayout(root: built.path)
        }
        return nil
    }

    /// The absolute path of `relative`.
    public func path(_ relative: String) -> String {
        root + "/" + relative
    }

    /// The folder of one exercise (`Exercises/06-cache-miss`).
    public func folder(of exercise: Exercise) -> String {
        path("Exercises/" + exercise.id)
    }

    /// The workshop dashboard of `target`.
    public func dashboard(for target: WorkshopTarget) -> String {
        path(target.folder + "/dashboards/workshop.json")
    }

    /// The alerting rules of `target`.
    public func alertRules(for target: WorkshopTarget) -> String {
        path(target.folder + "/rules/alerts.yml")
    }
}
