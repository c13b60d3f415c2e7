import DashboardCheck

/// Grades a submission for exercises 07-09: its dashboard against the panel requirements of the
/// exercise's `requirements.json`, its rule files against the alert requirements. `workshop verify`
/// and `dashboard-check grade` both call this, so a student and an instructor get the same verdict.
public enum ExerciseGrader {
    /// The verdict on the dashboard `report` (with its rule files, when the exercise asks for an alert;
    /// nil when none were found).
    public static func grade(
        _ report: FileReport,
        ruleFiles: RuleFiles.Found?,
        against exercise: ExerciseRequirements
    ) -> GradeResult {
        if report.isUnusable { return Grader.grade(report, against: exercise) }
        var failures: [(requirement: String?, reason: String)] = []
        for requirement in exercise.requirements {
            let reason: String?
            if let alert = requirement.alertRule {
                reason = alertReason(alert, ruleFiles: ruleFiles)
            } else {
                reason = Grader.unmet(requirement, in: report)
            }
            if let reason { failures.append((requirement.id, "\(requirement.id): \(reason)")) }
        }
        return GradeResult(report: report, failures: failures)
    }

    private static func alertReason(_ requirement: AlertRuleRequirement, ruleFiles: RuleFiles.Found?) -> String? {
        guard let ruleFiles, !ruleFiles.files.isEmpty || !ruleFiles.unreadable.isEmpty else {
            return "found no rule file: put the alerting rules in rules/alerts.yml beside the dashboards/ folder "
                + "(or give dashboard-check grade --rules FILE)"
        }
        if let unreadable = ruleFiles.unreadable.first { return "cannot read \(unreadable)" }
        return AlertRuleCheck.reason(in: ruleFiles.files, requirement: requirement)
    }
}
