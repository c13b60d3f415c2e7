import Foundation

/// The pristine starter files the repository ships, so that `workshop reset` can put an exercise back
/// as it was handed out: after the student's commits, and without git (a zip download).
///
/// The copy of `Exercises/Sources/CacheMetrics.swift` is `Exercises/.starters/Sources/CacheMetrics.swift`:
/// the same path under `Exercises/.starters`. The course's integrity test proves every copy equals the
/// starter as shipped.
public enum Starters {
    /// The folder of the copies, relative to the repository root.
    public static let folder = "Exercises/.starters"

    /// The copy of `file` (a path relative to the repository root, under `Exercises/`).
    public static func copy(of file: String) -> String? {
        guard file.hasPrefix("Exercises/") else { return nil }
        return folder + "/" + file.dropFirst("Exercises/".count)
    }

    /// Puts back the starter of every file of `exercise`.
    ///
    /// - Throws: `ExerciseError` naming the file whose copy is missing or cannot be written; files
    ///   restored before it stay restored.
    public static func restore(_ exercise: Exercise, layout: RepositoryLayout) throws(ExerciseError) {
        for file in exercise.files {
            guard let copy = copy(of: file), let data = FileManager.default.contents(atPath: layout.path(copy)) else {
                throw ExerciseError("the starter copy of \(file) is missing (expected \(copy(of: file) ?? "none"))")
            }
            do {
                try data.write(to: URL(fileURLWithPath: layout.path(file)), options: .atomic)
            } catch {
                throw ExerciseError("cannot write \(file): \(error.localizedDescription)")
            }
        }
    }
}
