import AppAssembly
import Course
import Exercises
import Solutions

/// The entry point of `workshop-grader`: checks one code exercise against a target's module.
public enum CodeExerciseGrading {
    /// The module `target` serves.
    public static func module(for target: WorkshopTarget) -> any WorkshopModule {
        switch target {
        case .exercises: return ExercisesModule()
        case .solutions: return SolutionsModule()
        }
    }

    /// Checks code exercise `number` (`01` to `06`) of `target`, with Redis at `redisHost:redisPort`.
    public static func grade(
        _ number: String,
        target: WorkshopTarget,
        redisHost: String,
        redisPort: Int
    ) async -> GraderReport {
        let list = await CodeExerciseChecks.check(
            number,
            module: module(for: target),
            redis: .init(host: redisHost, port: redisPort)
        )
        return GraderReport(checksRun: list.count, problems: list.problems)
    }
}
