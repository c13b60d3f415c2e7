import Course
import Foundation
import TestSupport

/// A copy of the repository's files as a student gets them from a zip (no `.git`), kept in
/// `.build-student/InfraObs` so that its own `.build` stays warm between runs. The scenario tests break
/// its code on purpose and run the real `workshop` tool in it.
struct StudentCopy {
    /// The copy's root.
    let root: String
    /// The original repository.
    let original: RepositoryLayout

    /// Brings the copy up to date with the repository's files (tracked and new, not ignored), writing
    /// only the files that differ, and builds `workshop` there.
    static func prepare() async throws -> StudentCopy {
        let original = try requireLayout()
        let root = original.path(".build-student/InfraObs")
        let listing = try await ManagedProcess.run(
            executable: try ManagedProcess.locate("git", debianPackage: "git"),
            arguments: ["-C", original.root, "ls-files", "--cached", "--others", "--exclude-standard"],
            timeout: 60
        )
        guard listing.status == 0 else { throw TestSupportError("git ls-files failed: \(listing.output)") }
        let manager = FileManager.default
        let files = Set(listing.output.split(separator: "\n").map(String.init).filter { !$0.isEmpty })
        // Files the repository no longer has (moved or deleted) go from the copy too, except its build.
        if let existing = manager.enumerator(atPath: root) {
            while let file = existing.nextObject() as? String {
                if file == ".build" || file.hasPrefix(".build/") {
                    existing.skipDescendants()
                    continue
                }
                var isFolder: ObjCBool = false
                if manager.fileExists(atPath: root + "/" + file, isDirectory: &isFolder), !isFolder.boolValue,
                    !files.contains(file)
                {
                    try manager.removeItem(atPath: root + "/" + file)
                }
            }
        }
        for file in files.sorted() {
            let source = original.path(file)
            guard let data = manager.contents(atPath: source) else { continue }
            let destination = root + "/" + file
            if manager.contents(atPath: destination) == data { continue }
            try manager.createDirectory(
                atPath: (destination as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            try data.write(to: URL(fileURLWithPath: destination))
        }
        let copy = StudentCopy(root: root, original: original)
        try await copy.swift(["build", "--product", "workshop"], timeout: 1800)
        return copy
    }

    /// Runs `swift` in the copy; throws with its output when it fails.
    func swift(_ arguments: [String], timeout: TimeInterval) async throws {
        let result = try await ManagedProcess.run(
            executable: try ManagedProcess.locate("swift", debianPackage: "swift"),
            arguments: arguments + ["--package-path", root],
            removingEnvironment: ["INFRAOBS_MAINTAINER"],
            timeout: timeout
        )
        guard result.status == 0 else {
            throw TestSupportError("swift \(arguments.joined(separator: " ")) failed: \(result.output.suffix(3000))")
        }
    }

    /// Runs the copy's `workshop` with `arguments` in the copy, as a student would.
    func workshop(_ arguments: [String], timeout: TimeInterval = 900) async throws -> (status: Int32, output: String) {
        try await ManagedProcess.run(
            executable: root + "/.build/debug/workshop",
            arguments: arguments,
            environment: ["PWD": root],
            removingEnvironment: ["INFRAOBS_MAINTAINER", "WORKSHOP_TARGET", "REDIS_HOST", "REDIS_PORT"],
            currentDirectory: URL(fileURLWithPath: root),
            timeout: timeout
        )
    }

    /// The path of `file` in the copy.
    func path(_ file: String) -> String { root + "/" + file }

    /// Replaces `file` with `text`.
    func write(_ file: String, _ text: String) throws {
        try text.write(toFile: path(file), atomically: true, encoding: .utf8)
    }

    /// The text of `file`.
    func read(_ file: String) throws -> String {
        try String(contentsOfFile: path(file), encoding: .utf8)
    }

    /// Puts every starter back as shipped.
    func restoreStarters() throws {
        for exercise in try ExerciseManifest.load(RepositoryLayout(root: root)).exercises {
            try Starters.restore(exercise, layout: RepositoryLayout(root: root))
        }
    }
}

/// The repository the tests run in, as the course tool sees it.
func requireLayout() throws -> RepositoryLayout {
    RepositoryLayout(root: Repository.root.path)
}
