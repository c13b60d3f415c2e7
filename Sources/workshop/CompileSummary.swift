import Course
import CourseGrading

/// The compiler's first errors, when the student's code does not compile, each with the exercises
/// that own its file.
enum CompileSummary {
    static func render(_ errors: [CompilerDiagnostic], manifest: ExerciseManifest, limit: Int = 5) -> String {
        var lines = ["Your code does not compile. The compiler's first errors:"]
        for error in errors.prefix(limit) {
            lines.append("  " + error.description + CompileReport.owners(of: error.file, manifest: manifest))
        }
        if errors.count > limit { lines.append("  ... and \(errors.count - limit) more (swift build shows them all)") }
        lines.append("The code exercises are not graded until it compiles; the others still are.")
        return lines.joined(separator: "\n")
    }
}
