import ArgumentParser
import Course

/// `workshop list`: the exercises, their files and how to check each, without grading anything.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the exercises and the files each one asks you to edit."
    )

    func run() throws {
        let workspace = try Workspace.open()
        for exercise in workspace.manifest.exercises {
            print("\(exercise.id)  \(exercise.title) (\(exercise.kind.rawValue))")
            print("    edit:  \(exercise.files.joined(separator: ", "))")
            print("    check: swift run workshop verify \(exercise.number)")
        }
    }
}
