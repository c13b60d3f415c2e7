import Course
import Foundation
import TestSupport
import Testing

/// The `workshop` command as a student types it, on this repository with the reference
/// (`WORKSHOP_TARGET=solutions`) and the grader built beside the tests.
@Suite("The workshop command")
struct WorkshopCommandTests {
    private func workshop(
        _ arguments: [String],
        target: String = "solutions"
    ) async throws -> (status: Int32, output: String) {
        let layout = try requireLayout()
        return try await ManagedProcess.run(
            executable: try Repository.builtExecutable("workshop"),
            arguments: arguments,
            environment: [
                "WORKSHOP_TARGET": target,
                "WORKSHOP_GRADER": try Repository.builtExecutable("workshop-grader"),
            ],
            currentDirectory: URL(fileURLWithPath: layout.root),
            timeout: 300
        )
    }

    @Test("status --format json gives every verdict and the command to check each")
    func statusJSON() async throws {
        let run = try await workshop(["status", "--format", "json"])
        #expect(run.status == 0, "\(run.output)")
        let start = try #require(run.output.firstIndex(of: "{"))
        let object = try JSONSerialization.jsonObject(with: Data(run.output[start...].utf8)) as? [String: Any]
        #expect(object?["passed"] as? Int == 11)
        #expect(object?["total"] as? Int == 11)
        let exercises = object?["exercises"] as? [[String: Any]] ?? []
        #expect(
            exercises.map { $0["verify"] as? String }
                == (1...11).map { "swift run workshop verify \($0 < 10 ? "0" : "")\($0)" }
        )
    }

    @Test("status in text says what to do next once everything passes")
    func allPass() async throws {
        let run = try await workshop(["status"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("11 of 11 exercises pass"))
        #expect(run.output.contains("Every exercise passes. What next:"))
    }

    @Test("verify of a starter that fails prints its problems, the test command and the hint command")
    func verifyFails() async throws {
        let run = try await workshop(["verify", "07"], target: "exercises")
        #expect(run.status == 1)
        #expect(run.output.contains("07-cache-miss-panel: not yet"))
        #expect(run.output.contains("swift test --filter ExerciseTests.Exercise07CacheMissPanel"))
        #expect(run.output.contains("swift run workshop hint 07"))
    }

    @Test("list names every exercise, its files and its check")
    func list() async throws {
        let run = try await workshop(["list"])
        #expect(run.status == 0)
        #expect(run.output.contains("06-cache-miss") && run.output.contains("Exercises/Sources/CacheMetrics.swift"))
        #expect(run.output.contains("swift run workshop verify 09"))
    }

    @Test("an unknown exercise is a usage error, exit 2, naming the exercises there are")
    func unknownExercise() async throws {
        let run = try await workshop(["verify", "42"])
        #expect(run.status == 2)
        #expect(run.output.contains("no exercise 42; the exercises are 01, 02"))
    }

    @Test("reset puts the starter back from the shipped copy, in a folder without git")
    func resetWithoutGit() async throws {
        let layout = try requireLayout()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "workshop-reset-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in [
            "Exercises/exercises.json", "Exercises/Sources/CacheMetrics.swift",
            "Exercises/.starters/Sources/CacheMetrics.swift",
        ] {
            let target = folder.appendingPathComponent(file)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try FileManager.default.copyItem(atPath: layout.path(file), toPath: target.path)
        }
        let edited = folder.appendingPathComponent("Exercises/Sources/CacheMetrics.swift")
        try "// the student's work\n".write(to: edited, atomically: true, encoding: .utf8)
        let refused = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("workshop"),
            arguments: ["reset", "06"],
            currentDirectory: folder,
            timeout: 60
        )
        #expect(refused.output.contains("Nothing changed."), "no answer on standard input is a no: \(refused.output)")
        #expect(try String(contentsOf: edited, encoding: .utf8) == "// the student's work\n")
        let reset = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("workshop"),
            arguments: ["reset", "06", "--yes"],
            currentDirectory: folder,
            timeout: 60
        )
        #expect(reset.status == 0, "\(reset.output)")
        #expect(
            FileManager.default.contents(atPath: edited.path)
                == FileManager.default.contents(atPath: layout.path("Exercises/.starters/Sources/CacheMetrics.swift"))
        )
    }
}
