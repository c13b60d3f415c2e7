/// One exercise of the course, as the manifest `Exercises/exercises.json` lists it.
public struct Exercise: Sendable, Hashable {
    /// The folder name under `Exercises/`, such as `06-cache-miss`.
    public var id: String
    /// A short title for tables.
    public var title: String
    /// What the student edits.
    public var kind: ExerciseKind
    /// The starter files the exercise changes, relative to the repository root.
    public var files: [String]
    /// The `swift test --filter` argument that runs this exercise's test.
    public var testFilter: String

    /// Makes an exercise.
    public init(id: String, title: String, kind: ExerciseKind, files: [String], testFilter: String) {
        self.id = id
        self.title = title
        self.kind = kind
        self.files = files
        self.testFilter = testFilter
    }

    /// The two-digit number the id starts with (`06`).
    public var number: String {
        String(id.prefix { $0 != "-" })
    }

    /// The marker the starter code or files carry where this exercise's work goes (`TODO(06)`).
    public var todoMarker: String { "TODO(\(number))" }
}
