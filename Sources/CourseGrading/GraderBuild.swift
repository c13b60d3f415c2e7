import Course
import Foundation

/// Builds `workshop-grader`, the program that grades the code exercises, and finds it.
///
/// The grader links the student's module, so its build is where a compile error in
/// `Exercises/Sources` shows: the errors are read from the build's output and reported per exercise,
/// while the tool that asked keeps working.
public enum GraderBuild {
    /// The grader's product name.
    public static let product = "workshop-grader"

    /// What a build gave: the grader's path, or the compiler's errors.
    public enum Outcome: Sendable {
        /// The grader is built at this path.
        case built(String)
        /// The student's code (or something else) does not compile.
        case failed([CompilerDiagnostic], output: String)
    }

    /// Runs `swift build --product workshop-grader` in the repository and returns the grader's path.
    ///
    /// - Parameters:
    ///   - environment: the build's environment (the tool's own when nil).
    ///   - timeout: how long the build may take.
    public static func build(
        layout: RepositoryLayout,
        environment: [String: String]? = nil,
        timeout: Duration = .seconds(3600)
    ) async -> Outcome {
        guard let swift = ChildProcess.locate("swift") else {
            return .failed([], output: "swift is not on PATH; install Swift 6 from swift.org")
        }
        let arguments = ["build", "--package-path", layout.root, "--product", product]
        let result: ChildProcess.Result
        do {
            result = try await ChildProcess.run(swift, arguments: arguments, environment: environment, timeout: timeout)
        } catch {
            return .failed([], output: error.message)
        }
        let output = result.standardOutput + result.standardError
        if result.timedOut {
            return .failed([], output: "the build took longer than \(timeout.components.seconds) s and was stopped")
        }
        guard result.succeeded else {
            return .failed(CompilerDiagnostic.errors(in: output, root: layout.root), output: output)
        }
        let binPath = try? await ChildProcess.run(
            swift,
            arguments: ["build", "--package-path", layout.root, "--show-bin-path"],
            environment: environment,
            timeout: .seconds(120)
        )
        let folder = binPath?.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let path = folder + "/" + product
        guard FileManager.default.isExecutableFile(atPath: path) else {
            return .failed([], output: "the build succeeded but \(path) is not there")
        }
        return .built(path)
    }

    /// The grader already built beside the running program (`swift test`, `swift run workshop`), or in
    /// the repository's `.build/debug`; nil when there is none.
    public static func locateBuilt(layout: RepositoryLayout) -> String? {
        var candidates: [String] = []
        if let executable = Bundle.main.executablePath {
            var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(folder.appendingPathComponent(product).path)
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(layout.path(".build/debug/\(product)"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
