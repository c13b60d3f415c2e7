/// What a student edits to solve an exercise.
public enum ExerciseKind: String, Sendable, Hashable, CaseIterable {
    /// Swift code in `Exercises/Sources`.
    case code
    /// A Grafana dashboard in `Exercises/dashboards`.
    case dashboard
    /// A Prometheus rule file in `Exercises/rules` (and, for the error ratio, a dashboard panel).
    case rules
}
