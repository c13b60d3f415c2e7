import Course
import Foundation
import Testing

/// The Redis the graders start: it answers, and it stops with whoever started it.
@Suite("The graders' Redis")
struct LocalRedisTests {
    @Test("starts on a free loopback port and is gone once stopped")
    func startsAndStops() async throws {
        let redis = try await LocalRedis.start()
        #expect(LoopbackPort.isAccepting(redis.port))
        redis.stop()
        #expect(!LoopbackPort.isAccepting(redis.port))
    }

    @Test("a grader's report is found after whatever the student's code printed")
    func reportAfterPrints() {
        let report = GraderReport(checksRun: 3, problems: ["expected 2, found 1"])
        let output = "debug: hello\n\(GraderReport.marker)not json\n\(report.line)\nbye\n"
        #expect(GraderReport.find(in: output) == report)
        #expect(GraderReport.find(in: "no report here\n") == nil)
    }

    @Test("a manifest that is not JSON names its file")
    func badManifest() {
        #expect(throws: ExerciseError.self) {
            try ExerciseManifest.parse(Array("{\"exercises\": [".utf8), path: "Exercises/exercises.json")
        }
        do {
            _ = try ExerciseManifest.parse(
                Array("{\"exercises\": [{\"id\": 3}]}".utf8),
                path: "Exercises/exercises.json"
            )
        } catch {
            #expect(error.message == "Exercises/exercises.json: exercise 1 needs a \"id\" string")
        }
    }

    @Test("a saved file is noticed by its snapshot")
    func snapshot() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("snapshot-\(UUID().uuidString).swift")
        defer { try? FileManager.default.removeItem(at: file) }
        try "let a = 1\n".write(to: file, atomically: true, encoding: .utf8)
        let before = FileSnapshot(paths: [file.path])
        #expect(FileSnapshot(paths: [file.path]).changes(since: before).isEmpty)
        try "let a = 12\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(FileSnapshot(paths: [file.path]).changes(since: before) == [file.path])
    }
}
