/// Checks a set of paths the way the command line does: finds the dashboards, lints each one and
/// applies the exclusions found beside it.
public enum CheckRun {
    /// The reports of every dashboard under `paths`, in order.
    public static func lint(paths: [String], linter: Linter) -> [FileReport] {
        var exclusionsByPath: [String: Result<ExclusionList, JSONReadError>] = [:]
        var reports: [FileReport] = []
        var reportedBadExclusions: Set<String> = []
        for file in FileReading.dashboardFiles(in: paths) {
            var report = linter.lint(path: file)
            let exclusionsPath = ExclusionList.path(besideDashboard: file)
            if exclusionsByPath[exclusionsPath] == nil {
                if FileReading.bytes(atPath: exclusionsPath) == nil {
                    exclusionsByPath[exclusionsPath] = .success(ExclusionList())
                } else {
                    do {
                        exclusionsByPath[exclusionsPath] = .success(try ExclusionList.load(path: exclusionsPath))
                    } catch {
                        exclusionsByPath[exclusionsPath] = .failure(error)
                    }
                }
            }
            switch exclusionsByPath[exclusionsPath] {
            case .success(let list): list.apply(to: &report)
            case .failure(let error):
                if !reportedBadExclusions.contains(exclusionsPath) {
                    reportedBadExclusions.insert(exclusionsPath)
                    reports.append(
                        FileReport(
                            path: exclusionsPath,
                            findings: [
                                Finding(
                                    rule: InputProblem.invalidExclusions.id,
                                    severity: .error,
                                    message: "line \(error.line), column \(error.column): \(error.message)",
                                    hint: InputProblem.invalidExclusions.hint,
                                    position: TextPosition(line: error.line, column: error.column)
                                )
                            ]
                        )
                    )
                }
            case nil: break
            }
            reports.append(report)
        }
        return reports
    }

    /// The exit code: 2 when an input was unusable, 1 when a finding is at or above `threshold`, else 0.
    public static func exitCode(_ reports: [FileReport], threshold: Severity) -> Int32 {
        if reports.contains(where: \.isUnusable) { return 2 }
        if reports.contains(where: { $0.findings.contains { $0.severity >= threshold } }) { return 1 }
        return 0
    }
}
