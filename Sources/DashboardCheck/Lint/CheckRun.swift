import Foundation

/// Checks a set of paths the way the command line does: finds the dashboards, lints each one and
/// applies the exclusions found beside it.
public enum CheckRun {
    /// The reports of every dashboard under `paths`, in order.
    public static func lint(paths: [String], linter: Linter) -> [FileReport] {
        var exclusionsByPath: [String: Result<ExclusionList, JSONReadError>] = [:]
        var reports: [FileReport] = []
        var reportedBadExclusions: Set<String> = []
        let files = FileReading.dashboardFiles(in: paths)
        // Files are independent: lint them on every core, then apply exclusions in order.
        let linted = ReportSlots(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            linted.store(linter.lint(path: files[index]), at: index)
        }
        for (index, file) in files.enumerated() {
            var report = linted.report(at: index) ?? linter.lint(path: file)
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

/// One slot per file for reports produced concurrently.
private final class ReportSlots: @unchecked Sendable {
    private var slots: [FileReport?]
    private let lock = NSLock()

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func store(_ report: FileReport, at index: Int) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = report
    }

    func report(at index: Int) -> FileReport? {
        lock.lock()
        defer { lock.unlock() }
        return slots[index]
    }
}
