/// How serious a finding is; `--severity` sets the lowest one that fails the run.
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .warning && rhs == .error }
}
