import Foundation
import TestSupport
import Testing

/// `workshop grade` on a made-up class (`scripts/make-class-submissions`): complete, partial,
/// non-compiling, crashing and looping work, and submissions broken as a whole. Every row must be
/// what `expected.json` says, and the grader must finish, write nothing outside its scratch folder
/// and leave the submissions as they were.
@Suite("Grading a class with workshop grade")
struct ClassGradingTests {
    @Test("every student's row is right, whatever the submission holds")
    func gradeAClass() async throws {
        let submissions = FileManager.default.temporaryDirectory
            .appendingPathComponent("class-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: submissions) }
        let made = try await ManagedProcess.run(
            executable: "/usr/bin/env",
            arguments: ["python3", Repository.path("scripts/make-class-submissions").path, submissions.path],
            timeout: 60
        )
        try #require(made.status == 0, "\(made.output)")
        let expectedData = try Data(contentsOf: submissions.appendingPathComponent("expected.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: [String: Any]])
        let before = try snapshot(submissions)

        let run = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("workshop"),
            arguments: ["grade", submissions.path, "--format", "json", "--time-limit", "10"],
            environment: ["WORKSHOP_TARGET": "exercises"],
            currentDirectory: Repository.root,
            timeout: 3000
        )
        #expect(run.status == 1, "some students fail, so the exit status is 1: \(run.output.suffix(3000))")
        let start = try #require(run.output.firstIndex(of: "{"), "no JSON in \(run.output.suffix(3000))")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(run.output[start...].utf8)) as? [String: Any]
        )
        let exercises = try #require(document["exercises"] as? [String])
        #expect(exercises.count == 11)
        let students = try #require(document["students"] as? [[String: Any]])
        #expect(students.map { $0["name"] as? String ?? "" } == expected.keys.sorted())
        for student in students {
            let name = student["name"] as? String ?? "?"
            let results = student["results"] as? [String: [String: Any]] ?? [:]
            let passes = exercises.filter { results[$0]?["passed"] as? Bool == true }.map { String($0.prefix(2)) }
            let wanted = expected[name]?["passes"] as? [String] ?? []
            #expect(passes == wanted, "\(name): passes \(passes), expected \(wanted): \(results)")
            for exercise in exercises where results[exercise]?["passed"] as? Bool == false {
                let reasons = results[exercise]?["reasons"] as? [String] ?? []
                #expect(!reasons.isEmpty, "\(name) fails \(exercise) without a reason")
            }
            if name.hasSuffix("missing-file") {
                let reasons = results["02-item-lookup"]?["reasons"] as? [String] ?? []
                #expect(reasons.first?.contains("has no Exercises/Sources/ItemReader.swift") == true, "\(reasons)")
            }
            if let note = expected[name]?["note"] as? String {
                #expect(
                    (student["note"] as? String)?.contains(note) == true,
                    "\(name): note \(student["note"] ?? "none")"
                )
            }
        }
        let summary = document["summary"] as? [[String: Any]] ?? []
        #expect(summary.count == 11 && summary.allSatisfy { $0["total"] as? Int == students.count })
        #expect(try snapshot(submissions) == before, "grading changed the submissions")
    }

    /// Every file under `folder` with its size, symbolic links as their destination.
    private func snapshot(_ folder: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let relative = enumerator?.nextObject() as? String {
            let path = folder.appendingPathComponent(relative).path
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if attributes[.type] as? FileAttributeType == .typeSymbolicLink {
                files[relative] = "-> " + (try FileManager.default.destinationOfSymbolicLink(atPath: path))
            } else {
                files[relative] = "\(attributes[.size] ?? 0)"
            }
        }
        return files
    }
}
