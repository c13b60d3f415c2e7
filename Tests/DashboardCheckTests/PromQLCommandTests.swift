import Foundation
import TestSupport
import Testing

@Suite("dashboard-check promql")
struct PromQLCommandTests {
    @Test("--format json prints one object per input line, in order, and exits 1 when one is invalid")
    func jsonLines() async throws {
        let input = "rate(http_requests_total[5m])\n1 + 2\nhttp_requests_total[5m]\n\"text\"\nsum(x\n"
        let result = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: ["promql", "--format", "json"],
            input: input
        )
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0] == #"{"ok":true,"type":"vector"}"#)
        #expect(lines[1] == #"{"ok":true,"type":"scalar"}"#)
        #expect(lines[2] == #"{"ok":true,"type":"matrix"}"#)
        #expect(lines[3] == #"{"ok":true,"type":"string"}"#)
        #expect(lines[4].hasPrefix(#"{"ok":false,"error":""#))
        #expect(lines[4].hasSuffix(#","line":1,"column":6}"#))
    }

    @Test("all valid lines exit 0; --file reads a file")
    func file() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("exprs.txt")
        try Data("up\nsum by (job) (rate(x_total[5m]))\r\n".utf8).write(to: file)
        let result = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: ["promql", "--file", file.path, "--format", "json"]
        )
        #expect(result.status == 0)
        #expect(result.standardOutput == "{\"ok\":true,\"type\":\"vector\"}\n{\"ok\":true,\"type\":\"vector\"}\n")
    }

    @Test("text output shows the error with a caret under the column")
    func text() async throws {
        let result = try await ManagedProcess.capture(
            executable: Repository.builtExecutable("dashboard-check"),
            arguments: ["promql"],
            input: "up\nsum(x\n"
        )
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "1: ok, vector")
        #expect(lines[1].hasPrefix("2:6: error: "))
        #expect(lines[2] == "    sum(x")
        #expect(lines[3] == "         ^")
    }

    @Test(
        "unusable arguments exit 2",
        arguments: [
            ["promql", "--file", "/nonexistent/exprs.txt"], ["promql", "--format", "junit"], ["promql", "extra"],
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
}
