/// The verdict on one student's submission.
public struct GradeResult: Sendable {
    /// The lint report of the dashboard the verdict is based on.
    public var report: FileReport
    /// Every requirement that failed (nil when the file itself is unusable), with its reason, in the
    /// order of the requirements file.
    public var failures: [(requirement: String?, reason: String)]

    /// Makes a result.
    public init(report: FileReport, failures: [(requirement: String?, reason: String)]) {
        self.report = report
        self.failures = failures
    }

    /// True when every requirement holds.
    public var passed: Bool { failures.isEmpty }
    /// The first reason for failing, nil when passed.
    public var reason: String? { failures.first?.reason }
    /// Every reason, in order.
    public var reasons: [String] { failures.map(\.reason) }
    /// The id of the first requirement that failed.
    public var failedRequirement: String? { failures.first?.requirement }
}
