import Course

/// Says, for one code exercise, that the student's code does not compile: the compiler's first
/// errors with `file:line`, the errors in this exercise's own files first, and which exercises own
/// each file.
public enum CompileReport {
    /// How many errors a report quotes.
    public static let quoted = 3

    /// The problem to report for `exercise`.
    public static func problem(
        for exercise: Exercise,
        errors: [CompilerDiagnostic],
        manifest: ExerciseManifest,
        output: String
    ) -> String {
        guard !errors.isEmpty else {
            let tail = output.split(separator: "\n").suffix(5).joined(separator: "\n    ")
            return "the code could not be built, so it was not checked:\n    " + tail
        }
        let own = errors.filter { exercise.files.contains($0.file) }
        let shown = (own + errors.filter { !exercise.files.contains($0.file) }).prefix(quoted)
        var lines = [
            own.isEmpty
                ? "Exercises/Sources does not compile (not in this exercise's files), so the code was not checked:"
                : "your code does not compile, so it was not checked:"
        ]
        for error in shown {
            lines.append("    " + error.description + owners(of: error.file, manifest: manifest))
        }
        if errors.count > shown.count { lines.append("    ... and \(errors.count - shown.count) more") }
        return lines.joined(separator: "\n")
    }

    /// ` (exercises 03, 04)` for a file the manifest lists, else nothing.
    public static func owners(of file: String, manifest: ExerciseManifest) -> String {
        let numbers = manifest.exercises.filter { $0.files.contains(file) }.map(\.number)
        switch numbers.count {
        case 0: return ""
        case 1: return " (exercise \(numbers[0]))"
        default: return " (exercises \(numbers.joined(separator: ", ")))"
        }
    }
}
