import ArgumentParser
import Course
import CourseGrading
import ExerciseGrading
import Foundation

/// `workshop grade SUBMISSIONS/`: grades a whole class on every exercise (for instructors).
struct GradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a class: every student folder of SUBMISSIONS on every exercise (for instructors).",
        discussion: """
            Each folder of SUBMISSIONS is one student, named by the folder, holding that student's Exercises/ \
            folder (or a whole checkout with Exercises/ inside). Each student's code is built in a scratch copy \
            of this package, .build-grade/package (the first build takes minutes, then only the student's module \
            recompiles), and graded with the checks of workshop verify. Prints a student × exercise table and, \
            per exercise, how many pass and the most common mistake.
            Exit status: 0 every student passes every exercise, 1 some fail, 2 SUBMISSIONS cannot be used.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, junit, csv
    }

    @Argument(help: "The folder of submissions: one folder per student.")
    var submissions: String

    @Option(help: "text (a table), json, junit or csv.")
    var format: Format = .text

    @Flag(help: "Print every reason of every failure after the table.")
    var reasons = false

    @Option(help: "Seconds one code exercise's check may take before it fails as too slow.")
    var timeLimit = 30

    func run() async throws {
        let workspace = try Workspace.open()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: submissions, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            Workspace.fail("\(submissions) is not a folder; give the folder that holds one folder per student")
        }
        let grader = ClassGrader(
            layout: workspace.layout,
            timeLimit: .seconds(max(1, timeLimit)),
            progress: { line in FileHandle.standardError.write(Data(line.utf8)) }
        )
        let matrix: GradeMatrix
        do {
            matrix = try await grader.grade(submissions: submissions)
        } catch {
            Workspace.fail(error.message)
        }
        switch format {
        case .text: print(matrix.text(reasons: reasons), terminator: "")
        case .json: print(matrix.json(), terminator: "")
        case .junit: print(matrix.junit(), terminator: "")
        case .csv: print(matrix.csv(), terminator: "")
        }
        if matrix.rows.contains(where: { row in row.cells.values.contains { !$0.passed } }) { throw ExitCode(1) }
    }
}
