import ArgumentParser
import Course
import Foundation

/// `workshop hint NN`: prints the hints folded in the exercise's README.
struct HintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hint",
        abstract: "Print the hints of one exercise."
    )

    @Argument(help: "The exercise: its number (06), id (06-cache-miss) or name (cache-miss).")
    var exercise: String

    func run() throws {
        let workspace = try Workspace.open()
        let chosen = workspace.exercise(exercise)
        let path = workspace.layout.folder(of: chosen) + "/README.md"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Workspace.fail("cannot read \(path)")
        }
        let hints = ReadmeHints.extract(from: text)
        guard !hints.isEmpty else { Workspace.fail("\(path) has no hint") }
        for (index, hint) in hints.enumerated() {
            print(
                "\(chosen.id), hint \(index + 1) of \(hints.count):\n\(hint.trimmingCharacters(in: .whitespacesAndNewlines))\n"
            )
        }
    }
}
