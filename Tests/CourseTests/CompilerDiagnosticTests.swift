import Course
import CourseGrading
import Testing

/// Reading `swift build`'s errors and saying which exercise owns each file.
@Suite("Compiler errors in the student's code")
struct CompilerDiagnosticTests {
    static let output = """
        Building for debugging...
        /home/ana/InfraObs/Exercises/Sources/RequestMetrics.swift:21:23: error: consecutive statements on a line must be separated by ';'
        19 |     public func requestStarted() {
        /home/ana/InfraObs/Exercises/Sources/RequestMetrics.swift:21:23: error: consecutive statements on a line must be separated by ';'
        /home/ana/InfraObs/Exercises/Sources/CacheMetrics.swift:9:5: error: cannot find 'registr' in scope
        /home/ana/InfraObs/Exercises/Sources/CacheMetrics.swift:9:5: warning: unused
        error: emit-module command failed with exit code 1 (use -v to see invocation)
        """

    @Test("errors are read once each, in order, with paths relative to the repository")
    func parses() {
        let errors = CompilerDiagnostic.errors(in: Self.output, root: "/home/ana/InfraObs")
        #expect(
            errors == [
                CompilerDiagnostic(
                    file: "Exercises/Sources/RequestMetrics.swift",
                    line: 21,
                    column: 23,
                    message: "consecutive statements on a line must be separated by ';'"
                ),
                CompilerDiagnostic(
                    file: "Exercises/Sources/CacheMetrics.swift",
                    line: 9,
                    column: 5,
                    message: "cannot find 'registr' in scope"
                ),
            ]
        )
    }

    @Test("an exercise's report quotes its own file's errors first and names the owners")
    func report() throws {
        let manifest = try ExerciseManifest.parse(Array(CourseFixtures.manifest.utf8), path: "exercises.json")
        let errors = CompilerDiagnostic.errors(in: Self.output, root: "/home/ana/InfraObs")
        let cache = try #require(manifest.exercise(named: "06"))
        let problem = CompileReport.problem(for: cache, errors: errors, manifest: manifest, output: Self.output)
        let lines = problem.split(separator: "\n")
        #expect(lines.first == "your code does not compile, so it was not checked:")
        #expect(lines.count > 1 && lines[1].contains("CacheMetrics.swift:9:5") && lines[1].hasSuffix("(exercise 06)"))
        #expect(problem.contains("RequestMetrics.swift:21:23") && problem.contains("(exercises 03, 04)"))
    }
}
