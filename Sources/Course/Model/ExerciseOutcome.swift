/// The result of checking one exercise: how many checks ran and the problems they found, in words.
public struct ExerciseOutcome: Sendable {
    /// The exercise checked.
    public var exercise: Exercise
    /// The target checked.
    public var target: WorkshopTarget
    /// How many checks ran (zero means nothing was checked, which never counts as passing).
    public var checksRun: Int
    /// What a student should fix, one sentence each.
    public var problems: [String]

    /// Makes an outcome.
    public init(exercise: Exercise, target: WorkshopTarget, checksRun: Int, problems: [String]) {
        self.exercise = exercise
        self.target = target
        self.checksRun = checksRun
        self.problems = problems
    }

    /// True when checks ran and none found a problem.
    public var passed: Bool { checksRun > 0 && problems.isEmpty }

    /// The outcome as a student reads it: a verdict line, then one problem per line.
    public var report: String {
        if passed { return "\(exercise.id): passed (\(checksRun) checks against \(target.rawValue))" }
        var lines = [
            "\(exercise.id): not yet (\(problems.count) of \(checksRun) checks failed against \(target.rawValue))"
        ]
        if checksRun == 0 && problems.isEmpty { lines.append("  - no check ran") }
        for problem in problems { lines.append("  - " + problem) }
        return lines.joined(separator: "\n")
    }
}
