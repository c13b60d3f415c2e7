/// The verdict on one student's dashboard.
public struct GradeResult: Sendable {
    /// The lint report the verdict is based on.
    public var report: FileReport
    /// True when every requirement holds.
    public var passed: Bool
    /// The first reason for failing, nil when passed.
    public var reason: String?
    /// The id of the first requirement that failed.
    public var failedRequirement: String?

    /// Makes a result.
    public init(report: FileReport, passed: Bool, reason: String?, failedRequirement: String?) {
        self.report = report
        self.passed = passed
        self.reason = reason
        self.failedRequirement = failedRequirement
    }
}
