import Foundation
import TestSupport

/// The outcome of running a command-line tool to its end.
struct ToolRun: Sendable {
    var status: Int32
    var standardOutput: String
    var standardError: String

    /// Runs `executable` with `arguments` in the repository's folder and waits for it to exit.
    ///
    /// Output goes through files, so a tool that writes a lot cannot block on a full pipe; the
    /// wait suspends instead of blocking a thread, so servers in the same test process keep running.
    static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:]
    ) async throws -> ToolRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = Repository.root
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("stack-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let err = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try? outHandle.close()
        try? errHandle.close()
        return ToolRun(
            status: status,
            standardOutput: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        )
    }

    /// Runs a tool found on the PATH; a missing tool fails with the Debian package to install.
    static func run(tool: String, debianPackage: String, _ arguments: [String]) async throws -> ToolRun {
        try await run(ManagedProcess.locate(tool, debianPackage: debianPackage), arguments)
    }
}
