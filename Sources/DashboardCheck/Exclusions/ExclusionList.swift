import Foundation

/// The exclusions of a `.dashboard-check.json` placed beside the dashboards it is about:
///
/// ```json
/// {"exclusions": [
///   {"rule": "rate-interval", "dashboard": "Workshop", "panel": "Requests today",
///    "reason": "a stat panel over the whole range: increase(...[1d]) is meant"}
/// ]}
/// ```
/// `rule` and `reason` are required; `dashboard` (title, uid or file name) and `panel` (title)
/// narrow the exclusion.
public struct ExclusionList: Sendable {
    /// The file name looked for beside each dashboard.
    public static let fileName = ".dashboard-check.json"

    /// The exclusions, in written order.
    public var exclusions: [Exclusion]
    /// Where they were read from.
    public var path: String?

    /// Makes a list.
    public init(exclusions: [Exclusion] = [], path: String? = nil) {
        self.exclusions = exclusions
        self.path = path
    }

    /// Reads a list, or explains (with line and column) what is wrong with it.
    public static func load(path: String) throws(JSONReadError) -> ExclusionList {
        guard let bytes = FileReading.bytes(atPath: path) else {
            throw JSONReadError(message: "cannot read the file", offset: 0, line: 1, column: 1)
        }
        return try parse(bytes, path: path)
    }

    /// Reads a list from bytes.
    public static func parse(_ bytes: [UInt8], path: String?) throws(JSONReadError) -> ExclusionList {
        let root = try JSONReader.parse(bytes)
        let lines = LineIndex(bytes)
        func fail(_ message: String, _ node: JSONNode) -> JSONReadError {
            let position = lines.position(of: node.offset)
            return JSONReadError(message: message, offset: node.offset, line: position.line, column: position.column)
        }
        guard let entries = root["exclusions"]?.array ?? root.array else {
            throw fail("expected {\"exclusions\": [...]}", root)
        }
        var list = ExclusionList(path: path)
        for entry in entries {
            guard entry.isObject else { throw fail("an exclusion must be an object", entry) }
            guard let rule = entry["rule"]?.string, !rule.isEmpty else {
                throw fail("an exclusion needs \"rule\" (a rule id or \"*\")", entry)
            }
            guard let reason = entry["reason"]?.string, !reason.allSatisfy(\.isWhitespace) else {
                throw fail("the exclusion of \(rule) needs a \"reason\"", entry)
            }
            list.exclusions.append(
                Exclusion(
                    rule: rule,
                    dashboard: entry["dashboard"]?.text,
                    panel: entry["panel"]?.string,
                    reason: reason
                )
            )
        }
        return list
    }

    /// Moves the findings of `report` that an exclusion matches into `report.excluded`.
    public func apply(to report: inout FileReport) {
        guard !exclusions.isEmpty else { return }
        var kept: [Finding] = []
        for finding in report.findings {
            if let exclusion = exclusions.first(where: { $0.matches(finding, in: report) }) {
                report.excluded.append(ExcludedFinding(finding: finding, reason: exclusion.reason))
            } else {
                kept.append(finding)
            }
        }
        report.findings = kept
    }

    /// The path of the exclusions file beside `dashboardPath`.
    public static func path(besideDashboard dashboardPath: String) -> String {
        let directory = (dashboardPath as NSString).deletingLastPathComponent
        return directory.isEmpty ? fileName : directory + "/" + fileName
    }
}
