import ArgumentParser
import ExerciseChecks
import Foundation

/// `workshop reset NN`: puts back the starter files of one exercise, as committed in git.
struct ResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Restore the starter files of one exercise from git (your changes to them are lost)."
    )

    @Argument(help: "The exercise: its number (06), id (06-cache-miss) or name (cache-miss).")
    var exercise: String

    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    func run() throws {
        let workspace = try Workspace.open()
        let chosen = workspace.exercise(exercise)
        let shared = workspace.manifest.exercises.filter { other in
            other.id != chosen.id && !Set(other.files).isDisjoint(with: chosen.files)
        }
        print("This restores, from the last commit, losing your changes to them:")
        for file in chosen.files { print("  \(file)") }
        if !shared.isEmpty {
            print("These files also hold exercises \(shared.map(\.number).joined(separator: ", ")).")
        }
        if !yes {
            print("Continue? [y/N] ", terminator: "")
            guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                print("Nothing changed.")
                return
            }
        }
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", workspace.layout.root, "checkout", "HEAD", "--"] + chosen.files
        do {
            try git.run()
        } catch {
            Workspace.fail("cannot run git: \(error)")
        }
        git.waitUntilExit()
        guard git.terminationStatus == 0 else {
            FileHandle.standardError.write(Data("workshop: git checkout failed; nothing was restored\n".utf8))
            throw ExitCode(1)
        }
        print("Restored \(chosen.id)'s starter files.")
    }
}
