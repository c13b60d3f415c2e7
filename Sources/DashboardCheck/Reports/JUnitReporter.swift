/// Writes reports as JUnit XML for CI systems: one test case per file, failing when it has a
/// finding at or above the threshold (an `<error>` when the file is unusable).
public enum JUnitReporter {
    /// The lint document.
    public static func lint(_ reports: [FileReport], threshold: Severity) -> String {
        var cases: [String] = []
        var failures = 0
        var errors = 0
        for report in reports {
            let name = attribute(report.dashboard.map { "\(report.path) (\($0))" } ?? report.path)
            var body = ""
            let failing = report.findings.filter { $0.severity >= threshold }
            if report.isUnusable {
                errors += 1
                let message = report.findings.first?.message ?? "unusable input"
                body +=
                    "<error type=\"\(attribute(report.findings.first?.rule ?? ""))\" message=\"\(attribute(message))\"/>"
            } else if !failing.isEmpty {
                failures += 1
                let message =
                    "\(failing.count) finding\(failing.count == 1 ? "" : "s"): \(failing[0].rule): \(failing[0].message)"
                body += "<failure type=\"\(attribute(failing[0].rule))\" message=\"\(attribute(message))\">"
                body += text(failing.map(describe).joined(separator: "\n"))
                body += "</failure>"
            }
            let quiet = report.findings.filter { $0.severity < threshold }
            if !quiet.isEmpty {
                body += "<system-out>" + text(quiet.map(describe).joined(separator: "\n")) + "</system-out>"
            }
            cases.append("    <testcase classname=\"dashboard-check.lint\" name=\"\(name)\">\(body)</testcase>")
        }
        return wrap(cases, tests: reports.count, failures: failures, errors: errors)
    }

    /// The grade document: a case per student dashboard, failing when it does not pass.
    public static func grade(_ results: [GradeResult], exercise: ExerciseRequirements) -> String {
        var cases: [String] = []
        var failures = 0
        for result in results {
            let name = attribute(result.report.dashboard.map { "\(result.report.path) (\($0))" } ?? result.report.path)
            var body = ""
            if !result.passed {
                failures += 1
                body = "<failure type=\"requirement\" message=\"\(attribute(result.reason ?? "failed"))\"/>"
            }
            cases.append(
                "    <testcase classname=\"dashboard-check.grade.\(attribute(exercise.exercise))\" name=\"\(name)\">\(body)</testcase>"
            )
        }
        return wrap(cases, tests: results.count, failures: failures, errors: 0)
    }

    private static func wrap(_ cases: [String], tests: Int, failures: Int, errors: Int) -> String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        lines.append("<testsuites tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">")
        lines.append(
            "  <testsuite name=\"dashboard-check\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\">"
        )
        lines.append(contentsOf: cases)
        lines.append("  </testsuite>")
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ finding: Finding) -> String {
        var line = "\(finding.severity.rawValue) \(finding.rule)"
        if let panel = finding.panel { line += " panel \"\(panel)\"" }
        if let target = finding.target { line += " target \(target)" }
        if let position = finding.position { line += " line \(position.line), column \(position.column)" }
        line += ": \(finding.message)"
        if let expression = finding.expression { line += "\n  " + expression }
        return line
    }

    /// `value` escaped for an XML attribute in double quotes.
    public static func attribute(_ value: String) -> String {
        text(value).replacingAll("\"", with: "&quot;").replacingAll("\n", with: "&#10;")
    }

    /// `value` escaped for XML text.
    public static func text(_ value: String) -> String {
        // Scalar by scalar: `<` followed by a combining mark is one Character that is not equal to `<`.
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default:
                // XML 1.0 forbids most control characters; drop them.
                if scalar.value < 0x20, scalar != "\n", scalar != "\t" { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

extension String {
    fileprivate func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
        var result = ""
        for scalar in unicodeScalars {
            if scalar == target { result += replacement } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}
