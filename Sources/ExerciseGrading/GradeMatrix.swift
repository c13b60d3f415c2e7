import DashboardCheck
import Foundation

/// A class's verdicts: one row per submission, one column per exercise, with the reasons of every
/// failure, and a summary per exercise. `workshop grade` fills it for all the exercises,
/// `dashboard-check grade --exercise 07,08,09` for the dashboard ones; both print it the same ways.
public struct GradeMatrix: Sendable {
    /// One exercise's verdict for one submission.
    public struct Cell: Sendable {
        /// True when every check passed.
        public var passed: Bool
        /// Why it failed, in order (empty when passed).
        public var reasons: [String]

        /// Makes a cell.
        public init(passed: Bool, reasons: [String]) {
            self.passed = passed
            self.reasons = reasons
        }
    }

    /// One submission's verdicts.
    public struct Row: Sendable {
        /// The submission's name (the student's folder, or a file).
        public var name: String
        /// The verdict per exercise id.
        public var cells: [String: Cell]
        /// A problem with the submission as a whole (missing files, a symlink out of its folder, ...).
        public var note: String?

        /// Makes a row.
        public init(name: String, cells: [String: Cell], note: String? = nil) {
            self.name = name
            self.cells = cells
            self.note = note
        }
    }

    /// The exercise ids, in column order (`07-cache-miss-panel`).
    public var exercises: [String]
    /// The rows, in order.
    public var rows: [Row]
    /// The title of the first column (`STUDENT`, `DASHBOARD`).
    public var rowTitle: String

    /// Makes a matrix.
    public init(exercises: [String], rows: [Row], rowTitle: String = "SUBMISSION") {
        self.exercises = exercises
        self.rows = rows
        self.rowTitle = rowTitle
    }

    /// The short column title of an exercise id (`07` for `07-cache-miss-panel`).
    static func column(_ exercise: String) -> String {
        String(exercise.prefix { $0 != "-" })
    }

    /// How many submissions pass `exercise`, and the most common first reason among those that fail
    /// (numbers and quoted names set aside, so that the same mistake counts once), with one example.
    public func summary(of exercise: String) -> (passed: Int, total: Int, commonMistake: String?, count: Int) {
        let cells = rows.compactMap { $0.cells[exercise] }
        var counts: [String: (count: Int, example: String)] = [:]
        var order: [String] = []
        for cell in cells where !cell.passed {
            guard let reason = cell.reasons.first else { continue }
            let key = Self.mistakeKey(reason)
            if counts[key] == nil { order.append(key) }
            counts[key, default: (0, reason)].count += 1
        }
        let best = order.max { (counts[$0]?.count ?? 0) < (counts[$1]?.count ?? 0) }
        return (
            cells.count { $0.passed }, cells.count, best.flatMap { counts[$0]?.example },
            best.flatMap { counts[$0]?.count } ?? 0
        )
    }

    /// A reason with what differs between students removed: quoted text, numbers, paths.
    static func mistakeKey(_ reason: String) -> String {
        reason.replacing(/"[^"]*"/, with: "\"\"").replacing(/[0-9A-Fa-f]{8}/, with: "ID")
            .replacing(/[0-9]+(\.[0-9]+)?/, with: "N")
            .replacing(/[^ ]*\/[^ ]*/, with: "PATH")
    }

    // MARK: Formats

    /// The matrix as a table, then the summary per exercise; with `reasons`, every reason of every failure.
    public func text(reasons: Bool) -> String {
        let nameWidth = max(rowTitle.count, rows.map(\.name.count).max() ?? 0)
        var lines: [String] = []
        let header =
            rowTitle.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
            + exercises.map { Self.column($0).padding(toLength: 4, withPad: " ", startingAt: 0) }.joined() + "PASSED"
        lines.append(header.trimmingCharacters(in: .whitespaces))
        for row in rows {
            var line = row.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
            for exercise in exercises {
                let mark = row.cells[exercise].map { $0.passed ? "ok" : "--" } ?? "?"
                line += mark.padding(toLength: 4, withPad: " ", startingAt: 0)
            }
            let passed = exercises.count { row.cells[$0]?.passed == true }
            line += "\(passed)/\(exercises.count)"
            if let note = row.note { line += "  (\(note))" }
            lines.append(line)
        }
        lines.append("")
        lines.append("ok: passes, --: fails. Per exercise:")
        for exercise in exercises {
            let summary = summary(of: exercise)
            var line = "  \(Self.column(exercise)): \(summary.passed) of \(summary.total) pass"
            if let mistake = summary.commonMistake {
                line += "; most common mistake (\(summary.count) of \(summary.total - summary.passed)): \(mistake)"
            }
            lines.append(line)
        }
        if reasons {
            for row in rows where exercises.contains(where: { row.cells[$0]?.passed == false }) || row.note != nil {
                lines.append("")
                lines.append("\(row.name):")
                if let note = row.note { lines.append("  \(note)") }
                for exercise in exercises {
                    guard let cell = row.cells[exercise], !cell.passed else { continue }
                    for reason in cell.reasons { lines.append("  \(Self.column(exercise)): \(reason)") }
                }
            }
        } else if rows.contains(where: { row in exercises.contains { row.cells[$0]?.passed == false } }) {
            lines.append("")
            lines.append("Every reason: add --reasons.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"exercises": [...], "students": [{"name", "note", "passed", "results": {"07": {"passed", "reasons"}}}],
    /// "summary": [{"exercise", "passed", "total", "mostCommonMistake"}]}`.
    public func json() -> String {
        let students: [[String: Any]] = rows.map { row in
            var results: [String: Any] = [:]
            for exercise in exercises {
                guard let cell = row.cells[exercise] else { continue }
                results[exercise] = ["passed": cell.passed, "reasons": cell.reasons] as [String: Any]
            }
            var object: [String: Any] = [
                "name": row.name, "results": results,
                "passed": exercises.count { row.cells[$0]?.passed == true },
            ]
            if let note = row.note { object["note"] = note }
            return object
        }
        let summaries: [[String: Any]] = exercises.map { exercise in
            let summary = summary(of: exercise)
            var object: [String: Any] = ["exercise": exercise, "passed": summary.passed, "total": summary.total]
            if let mistake = summary.commonMistake { object["mostCommonMistake"] = mistake }
            return object
        }
        let document: [String: Any] = ["exercises": exercises, "students": students, "summary": summaries]
        let data =
            (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// One `testsuite` per submission, one `testcase` per exercise, the reasons in each `failure`.
    public func junit() -> String {
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let failures = rows.reduce(0) { total, row in total + exercises.count { row.cells[$0]?.passed != true } }
        lines.append(
            "<testsuites name=\"workshop\" tests=\"\(rows.count * exercises.count)\" failures=\"\(failures)\">"
        )
        for row in rows {
            let failed = exercises.count { row.cells[$0]?.passed != true }
            lines.append(
                "  <testsuite name=\"\(JUnitReporter.attribute(row.name))\" tests=\"\(exercises.count)\" failures=\"\(failed)\">"
            )
            for exercise in exercises {
                let cell = row.cells[exercise]
                let name =
                    "  <testcase classname=\"\(JUnitReporter.attribute(row.name))\" name=\"\(JUnitReporter.attribute(exercise))\""
                if cell?.passed == true {
                    lines.append("  \(name)/>")
                } else {
                    let reasons = cell?.reasons ?? [row.note ?? "not graded"]
                    lines.append("  \(name)>")
                    lines.append(
                        "      <failure message=\"\(JUnitReporter.attribute(reasons.first ?? ""))\">"
                            + JUnitReporter.text(reasons.joined(separator: "\n")) + "</failure>"
                    )
                    lines.append("    </testcase>")
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `student,01,02,...,passed,note` with `pass` or `fail` in each cell.
    public func csv() -> String {
        var lines = [(["student"] + exercises.map(Self.column) + ["passed", "note"]).joined(separator: ",")]
        for row in rows {
            var fields = [Self.csvField(row.name)]
            for exercise in exercises {
                fields.append(row.cells[exercise].map { $0.passed ? "pass" : "fail" } ?? "")
            }
            fields.append(String(exercises.count { row.cells[$0]?.passed == true }))
            fields.append(Self.csvField(row.note ?? ""))
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
