/// Which module the exercise checks and `workshop-app` use: the student's (`exercises`) or the
/// reference (`solutions`), chosen at run time by `WORKSHOP_TARGET`.
public enum WorkshopTarget: String, Sendable, Hashable, CaseIterable {
    /// The student's module in `Exercises/` (the default).
    case exercises
    /// The reference module in `Solutions/`.
    case solutions

    /// The environment variable that chooses the target.
    public static let variable = "WORKSHOP_TARGET"

    /// The target `environment` names: `exercises` when unset or empty, an error for any other value.
    public static func from(environment: [String: String]) throws(ExerciseError) -> WorkshopTarget {
        guard let text = environment[variable], !text.isEmpty else { return .exercises }
        guard let target = WorkshopTarget(rawValue: text) else {
            throw ExerciseError("\(variable) must be exercises or solutions, got '\(text)'")
        }
        return target
    }

    /// The folder holding this target's dashboards and rules (`Exercises` or `Solutions`).
    public var folder: String {
        switch self {
        case .exercises: return "Exercises"
        case .solutions: return "Solutions"
        }
    }
}
