import DashboardCheck
import Foundation
import TestSupport
import Testing

@Suite("The dashboard-check command")
struct CommandLineTests {
    @Test("lint exits 0 on a clean dashboard and 1 on findings")
    func lintExitCodes() async throws {
        let clean = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: ["lint", try Fixture.path("rules/histogram-quantile-le.clean.json")]
        )
        #expect(clean.status == 0)
        #expect(clean.standardOutput.hasSuffix("1 file checked: 0 errors, 0 warnings\n"))
        let mistakes = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: ["lint", try Fixture.path("rules/histogram-quantile-le.hit.json")]
        )
        #expect(mistakes.status == 1)
        #expect(mistakes.standardOutput.contains("error histogram-quantile-le: panel \"by handler only\", target A"))
        #expect(!mistakes.standardOutput.contains("\u{1B}["), "no colours when stdout is not a terminal")
    }

    @Test("--severity warning makes warnings fail the run")
    func severityThreshold() async throws {
        let path = try Fixture.path("rules/rate-interval.hit.json")
        #expect(
            try await ManagedProcess.capture(
                executable: Repository.builtExecutable("dashboard-check"),
                arguments: ["lint", path]
            ).status == 0
        )
        #expect(
            try await ManagedProcess.capture(
                executable: Repository.builtExecutable("dashboard-check"),
                arguments: ["lint", "--severity", "warning", path]
            ).status == 1
        )
    }

    @Test("a directory is searched recursively; unusable files exit 2 while the others are still checked")
    func unusableInputs() async throws {
        let result = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: [
                "lint", try Fixture.path("malformed"), try Fixture.path("shapes/rows.json"),
            ]
        )
        #expect(result.status == 2)
        #expect(result.standardError.contains("trailing-comma.json: invalid-json: invalid JSON at line 4, column 28"))
        #expect(result.standardError.contains("settings.json: not-a-dashboard"))
        #expect(result.standardOutput.contains("panel \"inside collapsed row\""))
        #expect(result.standardOutput.contains("6 files checked"))
    }

    @Test(
        "unusable arguments exit 2 with the problem on stderr",
        arguments: [
            ["lint"], ["lint", "--format", "xml", "x.json"], ["lint", "--bogus", "x.json"], ["frobnicate"],
            ["lint", "--prometheus", "ftp://x", "x.json"], ["grade", "x.json"],
        ]
    )
    func badArguments(arguments: [String]) async throws {
        let result = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: arguments
        )
        #expect(result.status == 2)
        #expect(!result.standardError.isEmpty)
    }

    @Test("a missing file is reported with its path and exits 2")
    func missingFile() async throws {
        let result = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: ["lint", "/nonexistent/dashboard.json"]
        )
        #expect(result.status == 2)
        #expect(result.standardError.contains("/nonexistent/dashboard.json: unreadable-file"))
    }

    @Test("--format json prints one document; --metrics reads an exposition file")
    func jsonWithMetrics() async throws {
        let result = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: [
                "lint", "--format", "json", "--metrics", try Fixture.path("app.metrics"),
                try Fixture.path("rules/unknown-metric.hit.json"),
            ]
        )
        #expect(result.status == 1)
        let document = try JSONReader.parse(result.standardOutput)
        let rules = document["files"]?.array?.first?["findings"]?.array?.compactMap { $0["rule"]?.string }
        #expect(rules == ["unknown-metric", "unknown-metric", "unknown-metric"])
        #expect(document["summary"]?["errors"]?.number == 3)
    }

    @Test("a broken --metrics file is unusable input naming line and column")
    func brokenMetrics() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let metrics = directory.appendingPathComponent("bad.metrics")
        try Data("# TYPE x counter\nx{a=\"1\" 2\n".utf8).write(to: metrics)
        let result = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: ["lint", "--metrics", metrics.path, try Fixture.path("shapes/rows.json")]
        )
        #expect(result.status == 2)
        #expect(result.standardError.contains("bad.metrics:2:"))
    }

    @Test("--format junit prints JUnit XML")
    func junit() async throws {
        // Its raw counters are judged by their names alone: warnings, which --severity warning counts.
        let result = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: ["lint", "--format", "junit", "--severity", "warning", try Fixture.path("shapes/rows.json")]
        )
        #expect(result.status == 1)
        #expect(
            result.standardOutput.hasPrefix(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites tests=\"1\" failures=\"1\""
            )
        )
    }

    @Test("grade prints the class table and exits 1 when a dashboard fails")
    func grade() async throws {
        let result = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: [
                "grade", "--exercise", "exercise", "--exercises", try Fixture.path(""),
                try Fixture.path("exercise/answers"),
            ]
        )
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("FILE"))
        #expect(lines.contains { $0.contains("pass-canonical.json") && $0.contains("  pass") })
        #expect(
            lines.contains {
                $0.contains("fail-le-dropped.json") && $0.contains("FAIL") && $0.contains("drops the le label")
            }
        )
        #expect(result.standardOutput.hasSuffix("3 of 9 dashboards pass\n"))
    }

    @Test("grade --format json adds passed to each file and exits 0 when all pass")
    func gradeJSON() async throws {
        let result = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: [
                "grade", "--format", "json", "--exercise", try Fixture.path("exercise/requirements.json"),
                try Fixture.path("exercise/answers/pass-canonical.json"),
                try Fixture.path("exercise/answers/pass-without.json"),
            ]
        )
        #expect(result.status == 0)
        let document = try JSONReader.parse(result.standardOutput)
        #expect(document["files"]?.array?.map { $0["passed"]?.bool } == [true, true])
        #expect(document["summary"]?["passed"]?.number == 2)
    }

    @Test("grade with an unknown exercise exits 2")
    func gradeUnknownExercise() async throws {
        let result = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: ["grade", "--exercise", "no-such", try Fixture.path("shapes/rows.json")]
        )
        #expect(result.status == 2)
        #expect(result.standardError.contains("no requirements.json for exercise no-such"))
    }
}
