import Course
import Foundation

/// `workshop status --format json`: every exercise's verdict and problems, for scripts.
enum ProgressJSON {
    struct Entry: Encodable {
        var id: String
        var title: String
        var kind: String
        var passed: Bool
        var checks: Int
        var problems: [String]
        var verify: String
    }

    struct Document: Encodable {
        var target: String
        var passed: Int
        var total: Int
        var exercises: [Entry]
    }

    static func render(_ outcomes: [ExerciseOutcome]) -> String {
        let document = Document(
            target: outcomes.first?.target.rawValue ?? WorkshopTarget.exercises.rawValue,
            passed: outcomes.filter(\.passed).count,
            total: outcomes.count,
            exercises: outcomes.map { outcome in
                Entry(
                    id: outcome.exercise.id,
                    title: outcome.exercise.title,
                    kind: outcome.exercise.kind.rawValue,
                    passed: outcome.passed,
                    checks: outcome.checksRun,
                    problems: outcome.problems,
                    verify: "swift run workshop verify \(outcome.exercise.number)"
                )
            }
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(document)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
