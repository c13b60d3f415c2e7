import Foundation
import Testing

/// Runs the built `dashboard-check` executable, as a user would.
struct CommandRunner {
    /// What a run printed and how it exited.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable next to the test bundle in the build folder.
    static func executable() throws -> String {
        let directory = Bundle.module.bundleURL.deletingLastPathComponent()
        let path = directory.appendingPathComponent("dashboard-check").path
        try #require(
            FileManager.default.isExecutableFile(atPath: path),
            "dashboard-check is not built at \(path): run `swift build --product dashboard-check` first"
        )
        return path
    }

    /// Runs `dashboard-check` with `arguments`, feeding `input` on stdin.
    static func run(_ arguments: [String], input: String = "", in directory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable())
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self)
        )
    }
}
