import Course
import DashboardCheck
import ExerciseGrading

/// Checks the exercises that need no code (07, 08 and 09) with `ExerciseGrader`, the implementation
/// `dashboard-check grade` uses: the target's dashboard and, for a rules exercise, its rule files,
/// against the exercise's `requirements.json`.
public enum StaticExerciseCheck {
    /// The checks of `exercise` on `target`'s dashboard and rules: one check per requirement.
    public static func check(_ exercise: Exercise, target: WorkshopTarget, layout: RepositoryLayout) -> Checklist {
        var list = Checklist()
        let dashboardPath = target.folder + "/dashboards/workshop.json"
        let requirements: ExerciseRequirements
        do {
            requirements = try ExerciseRequirements.load(path: layout.folder(of: exercise) + "/requirements.json")
        } catch {
            list.fail("cannot use \(error.description)")
            return list
        }
        guard var report = CheckRun.lint(paths: [layout.path(dashboardPath)], linter: Linter()).last else {
            list.fail("cannot read the dashboard \(dashboardPath)")
            return list
        }
        report.path = dashboardPath
        let rules = RuleFiles.beside(dashboard: dashboardPath, root: layout.root)
        let result = ExerciseGrader.grade(report, ruleFiles: rules, against: requirements)
        let alertIDs = Set(requirements.requirements.filter { $0.alertRule != nil }.map(\.id))
        for _ in 0..<max(0, requirements.requirements.count - result.failures.count) { list.expect(true, "") }
        for failure in result.failures {
            let isAlert = failure.requirement.map(alertIDs.contains) ?? false
            list.fail(isAlert ? failure.reason : "\(dashboardPath): \(failure.reason)")
        }
        return list
    }
}
