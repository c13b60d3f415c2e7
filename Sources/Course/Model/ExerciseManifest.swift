import Foundation

/// The list of exercises, read from `Exercises/exercises.json`: the one place the tests, the
/// `workshop` command and the READMEs take it from.
///
/// ```json
/// {"exercises": [
///   {"id": "06-cache-miss", "title": "Count cache misses", "kind": "code",
///    "files": ["Exercises/Sources/CacheMetrics.swift"], "test": "ExerciseTests.Exercise06CacheMiss"}
/// ]}
/// ```
public struct ExerciseManifest: Sendable {
    /// The manifest's path relative to the repository root.
    public static let relativePath = "Exercises/exercises.json"

    /// The exercises, in course order.
    public var exercises: [Exercise]

    /// Makes a manifest.
    public init(exercises: [Exercise]) {
        self.exercises = exercises
    }

    /// Reads the manifest of the repository at `layout`.
    public static func load(_ layout: RepositoryLayout) throws(ExerciseError) -> ExerciseManifest {
        let path = layout.path(relativePath)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ExerciseError("cannot read \(path)")
        }
        return try parse(Array(data), path: path)
    }

    /// Reads a manifest from bytes; `path` names it in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws(ExerciseError) -> ExerciseManifest {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: Data(bytes))
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw ExerciseError("\(path): not valid JSON: \(detail)")
        }
        guard let list = (root as? [String: Any])?["exercises"] as? [Any] else {
            throw ExerciseError("\(path): expected {\"exercises\": [...]}")
        }
        var exercises: [Exercise] = []
        for (index, item) in list.enumerated() {
            let entry = item as? [String: Any] ?? [:]
            func field(_ name: String) throws(ExerciseError) -> String {
                guard let value = entry[name] as? String, !value.isEmpty else {
                    throw ExerciseError("\(path): exercise \(index + 1) needs a \"\(name)\" string")
                }
                return value
            }
            let id = try field("id")
            let kindText = try field("kind")
            guard let kind = ExerciseKind(rawValue: kindText) else {
                throw ExerciseError(
                    "\(path): exercise \(id) has kind \"\(kindText)\"; expected code, dashboard or rules"
                )
            }
            let files = (entry["files"] as? [Any] ?? []).compactMap { $0 as? String }
            guard !files.isEmpty else {
                throw ExerciseError("\(path): exercise \(id) needs a non-empty \"files\" array")
            }
            exercises.append(
                Exercise(id: id, title: try field("title"), kind: kind, files: files, testFilter: try field("test"))
            )
        }
        return ExerciseManifest(exercises: exercises)
    }

    /// The exercise named by its id (`06-cache-miss`), number (`06`, `6`) or slug (`cache-miss`).
    public func exercise(named name: String) -> Exercise? {
        exercises.first { exercise in
            exercise.id == name || exercise.number == name || exercise.id.dropFirst(3) == name
                || (Int(name).map { Int(exercise.number) == $0 } ?? false)
        }
    }
}
