import ArgumentParser
import Foundation

/// `workshop`: the student's companion for the exercises.
@main
struct WorkshopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workshop",
        abstract: "Follow the workshop's exercises: progress, hints, checks and resets.",
        discussion: """
            The exercises are listed in Exercises/exercises.json. Checks run against the student's work \
            (WORKSHOP_TARGET=exercises, the default) or the reference (WORKSHOP_TARGET=solutions).
            Exit status: 0 success (every checked exercise passes), 1 an exercise does not pass yet, 2 usage error.
            """,
        subcommands: [
            StatusCommand.self, VerifyCommand.self, WatchCommand.self, ListCommand.self, HintCommand.self,
            ResetCommand.self, GradeCommand.self,
        ],
        defaultSubcommand: StatusCommand.self
    )
}
