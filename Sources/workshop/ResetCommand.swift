import ArgumentParser
import Course
import Foundation

/// `workshop reset NN`: puts back the starter files of one exercise, from the copies the repository
/// ships (`Exercises/.starters`), so it works after commits and without git.
struct ResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Put back the starter files of one exercise, as handed out (your changes to them are lost)."
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
        print("This puts back the starter of, losing your changes to them:")
        for file in chosen.files { print("  \(file)") }
        if !shared.isEmpty {
            print(
                "These files also hold exercises \(shared.map(\.number).joined(separator: ", ")): their work goes too."
            )
        }
        if !yes {
            print("Continue? [y/N] ", terminator: "")
            guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                print("Nothing changed.")
                return
            }
        }
        do {
            try Starters.restore(chosen, layout: workspace.layout)
        } catch {
            FileHandle.standardError.write(Data("workshop: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        print("Restored \(chosen.id)'s starter files.")
    }
}
