import Foundation
import TestSupport

/// Runs a command-line tool to completion and keeps what it printed.
struct ToolRun: Sendable {
    /// The exit status.
    var status: Int32
    /// What the tool wrote on standard output.
    var output: String
    /// What the tool wrote on standard error.
    var errors: String

    /// Runs `name` (found on the PATH; `debianPackage` is named when it is missing) with `arguments`
    /// in the package root, and waits for it.
    static func run(_ name: String, debianPackage: String, _ arguments: [String]) throws -> ToolRun {
        let executable = try ManagedProcess.locate(name, debianPackage: debianPackage)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = PackageRoot.url
        process.standardInput = FileHandle.nullDevice
        // Files rather than pipes: a tool that prints a lot cannot block on a full pipe.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slides-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let err = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return ToolRun(
            status: process.terminationStatus,
            output: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            errors: (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        )
    }
}
