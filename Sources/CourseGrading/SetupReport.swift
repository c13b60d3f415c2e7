import Course

/// Says whether the student's machine can grade the exercises at all, apart from the exercises'
/// own verdicts: the code builds (Swift and hiredis work) and a Redis starts for the checks.
///
/// A fresh checkout grades "0 of 9 exercises pass" with a working setup; the same count with a
/// setup that cannot build or cannot start Redis must not look the same, so `workshop status`
/// prints this report under its table.
public enum SetupReport {
    /// The line printed when nothing stood in the way of grading.
    public static let working =
        "Setup: your code was built and checked against a Redis of its own: Swift, hiredis and Redis work."

    /// What stood in the way of grading, one problem each with what to do; empty when nothing did.
    public static func problems(grader: CourseGrader.Grader, outcomes: [ExerciseOutcome]) -> [String] {
        var problems: [String] = []
        if case .unbuilt(let errors, let output) = grader {
            let hiredis =
                errors.contains { $0.file.hasPrefix("Sources/CHiredis/") || $0.message.contains("hiredis") }
                || output.contains("could not build C module 'CHiredis'")
            if hiredis {
                problems.append(
                    "the hiredis headers are missing, so nothing that talks to Redis builds; "
                        + Platform.installHint(debian: "libhiredis-dev", brew: "hiredis")
                )
            } else if errors.isEmpty, !output.isEmpty {
                let tail = output.split(separator: "\n").suffix(3).joined(separator: "\n    ")
                problems.append("the code could not be built:\n    " + tail)
            }
        }
        let redis = Set(
            outcomes.filter { $0.exercise.kind == .code }.flatMap(\.problems)
                .filter { $0.hasPrefix("could not start Redis") }
        )
        problems += redis.sorted()
        return problems
    }

    /// The report's text: the working line, or each problem on its own line.
    public static func render(_ problems: [String]) -> String {
        guard !problems.isEmpty else { return working }
        return
            (["Setup problems (the verdicts above are not about your code until these are fixed):"]
            + problems.map { "  - " + $0 }).joined(separator: "\n")
    }
}
