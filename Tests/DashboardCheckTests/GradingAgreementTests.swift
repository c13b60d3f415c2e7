import Foundation
import TestSupport
import Testing

/// The student's and the instructor's verdicts are one: the kept submissions under
/// `Fixtures/grading/` (right answers written differently, and the classic mistakes) are graded by
/// `dashboard-check grade` and by `workshop verify` in a scratch copy of `Exercises/`; both must sort
/// every file as its name says (`pass-...`, `fail-...`) and give the same first reason.
@Suite("One verdict: dashboard-check grade and workshop verify agree")
struct GradingAgreementTests {
    static let fixtures = "Tests/DashboardCheckTests/Fixtures/grading"

    /// What `dashboard-check grade --format json` said of one file.
    struct Graded {
        var passed: Bool
        var reason: String?
    }

    @Test(
        "the kept dashboards of 07, 08 and 09 are sorted as their names say, the same way by both commands",
        arguments: ["07", "08", "09"]
    )
    func dashboards(exercise: String) async throws {
        let folder = Repository.path("\(Self.fixtures)/\(exercise)")
        let graded = try await grade(exercise: exercise, arguments: [folder.path])
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(files.filter { $0.hasPrefix("pass-") }.count >= 5, "too few right answers kept for \(exercise)")
        #expect(files.filter { $0.hasPrefix("fail-") }.count >= 5, "too few mistakes kept for \(exercise)")
        let scratch = try ScratchExercises()
        defer { scratch.remove() }
        try scratch.useRules(Repository.path("\(Self.fixtures)/09/rules/alerts.yml"))
        for file in files.sorted() {
            let path = folder.appendingPathComponent(file)
            let fromGrade = try #require(graded[path.path], "dashboard-check grade said nothing of \(file)")
            try scratch.useDashboard(path)
            try await expectAgreement(file, exercise: exercise, fromGrade: fromGrade, scratch: scratch)
        }
    }

    @Test("the kept alerting rules of 09 are sorted as their names say, the same way by both commands")
    func alertRules() async throws {
        let folder = Repository.path("\(Self.fixtures)/09-alerts")
        let dashboard = Repository.path("Solutions/dashboards/workshop.json")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }
        #expect(files.filter { $0.hasPrefix("pass-") }.count >= 4 && files.filter { $0.hasPrefix("fail-") }.count >= 6)
        let scratch = try ScratchExercises()
        defer { scratch.remove() }
        try scratch.useDashboard(dashboard)
        for file in files.sorted() {
            let rules = folder.appendingPathComponent(file)
            let graded = try await grade(exercise: "09", arguments: ["--rules", rules.path, dashboard.path])
            let fromGrade = try #require(graded[dashboard.path])
            try scratch.useRules(rules)
            // The two commands name the rule file by the path they were given; compare the rest.
            let sameReason = Graded(
                passed: fromGrade.passed,
                reason: fromGrade.reason?.replacingOccurrences(of: rules.path, with: "Exercises/rules/alerts.yml")
            )
            try await expectAgreement(file, exercise: "09", fromGrade: sameReason, scratch: scratch)
        }
    }

    @Test("several exercises at once give a matrix, in csv too, with the same verdicts")
    func matrix() async throws {
        let folder = Repository.path("\(Self.fixtures)/09")
        let single = try await grade(exercise: "09", arguments: [folder.path])
        let run = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("dashboard-check"),
            arguments: [
                "grade", "--exercise", "07,08,09", "--exercises", Repository.path("Exercises").path, "--format", "csv",
                folder.path,
            ],
            timeout: 120
        )
        #expect(run.status == 1, "\(run.output)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "student,07,08,09,passed,note")
        #expect(lines.count == single.count + 1, "\(run.output)")
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let passed = try #require(single[fields[0]]?.passed, "\(fields[0]) not graded alone")
            #expect(fields[3] == (passed ? "pass" : "fail"), "\(line)")
        }
        let all = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("dashboard-check"),
            arguments: ["grade", "--exercise", "all", "--exercises", Repository.path("Exercises").path, folder.path],
            timeout: 120
        )
        #expect(all.output.contains("09: 6 of 13 pass; most common mistake"), "\(all.output)")
    }

    /// Checks one file's verdict from both commands against its name.
    private func expectAgreement(
        _ file: String,
        exercise: String,
        fromGrade: Graded,
        scratch: ScratchExercises
    )
        async throws
    {
        let expected = file.hasPrefix("pass-")
        #expect(fromGrade.passed == expected, "dashboard-check grade: \(file): \(fromGrade.reason ?? "passed")")
        let verify = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("workshop"),
            arguments: ["verify", exercise],
            environment: ["WORKSHOP_TARGET": "exercises"],
            currentDirectory: scratch.root,
            timeout: 60
        )
        #expect(verify.status == (expected ? 0 : 1), "workshop verify \(exercise): \(file): \(verify.output)")
        guard !expected, let reason = fromGrade.reason else { return }
        let firstProblem = verify.output.split(separator: "\n").first { $0.hasPrefix("  - ") }.map { $0.dropFirst(4) }
        #expect(
            firstProblem.map { $0 == reason || $0.hasSuffix(": " + reason) } == true,
            "\(file): workshop verify's first problem \(String(describing: firstProblem)) is not grade's reason \(reason)"
        )
    }

    /// Runs `dashboard-check grade --exercise NN --format json ...` on the repository's exercises and
    /// returns its verdict for each file.
    private func grade(exercise: String, arguments: [String]) async throws -> [String: Graded] {
        let run = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("dashboard-check"),
            arguments: [
                "grade", "--exercise", exercise, "--exercises", Repository.path("Exercises").path, "--format", "json",
            ]
                + arguments,
            timeout: 120
        )
        #expect(run.status == 0 || run.status == 1, "dashboard-check grade: \(run.output)")
        let start = try #require(run.output.firstIndex(of: "{"), "no JSON in \(run.output)")
        let document = try JSONSerialization.jsonObject(with: Data(run.output[start...].utf8)) as? [String: Any]
        var verdicts: [String: Graded] = [:]
        for file in document?["files"] as? [[String: Any]] ?? [] {
            guard let path = file["path"] as? String, let passed = file["passed"] as? Bool else { continue }
            verdicts[path] = Graded(passed: passed, reason: file["reason"] as? String)
        }
        return verdicts
    }
}

/// A scratch repository with the exercises' manifest and requirements, where one dashboard and one
/// rule file at a time are put where a student's are.
struct ScratchExercises {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("grading-\(UUID().uuidString.prefix(8))")
        let exercises = root.appendingPathComponent("Exercises")
        let manager = FileManager.default
        for folder in ["dashboards", "rules"] {
            try manager.createDirectory(
                at: exercises.appendingPathComponent(folder),
                withIntermediateDirectories: true
            )
        }
        try manager.copyItem(
            at: Repository.path("Exercises/exercises.json"),
            to: exercises.appendingPathComponent("exercises.json")
        )
        for folder in try manager.contentsOfDirectory(atPath: Repository.path("Exercises").path) {
            let requirements = Repository.path("Exercises/\(folder)/requirements.json")
            guard manager.fileExists(atPath: requirements.path) else { continue }
            try manager.createDirectory(at: exercises.appendingPathComponent(folder), withIntermediateDirectories: true)
            try manager.copyItem(at: requirements, to: exercises.appendingPathComponent("\(folder)/requirements.json"))
        }
    }

    func useDashboard(_ file: URL) throws {
        try replace(root.appendingPathComponent("Exercises/dashboards/workshop.json"), with: file)
    }

    func useRules(_ file: URL) throws {
        try replace(root.appendingPathComponent("Exercises/rules/alerts.yml"), with: file)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    private func replace(_ destination: URL, with source: URL) throws {
        try? FileManager.default.removeItem(at: destination)
        try FileManager.default.copyItem(at: source, to: destination)
    }
}
