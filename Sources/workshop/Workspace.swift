import ArgumentParser
import ExerciseChecks
import Foundation

/// The repository, its manifest and the target the commands work on.
struct Workspace {
    let layout: RepositoryLayout
    let manifest: ExerciseManifest
    let target: WorkshopTarget

    /// Finds the repository from the current directory; usage errors exit 2.
    static func open() throws -> Workspace {
        guard let layout = RepositoryLayout.locate() else {
            fail("no \(ExerciseManifest.relativePath) here or in a parent folder; run workshop inside the repository")
        }
        do {
            let manifest = try ExerciseManifest.load(layout)
            let target = try WorkshopTarget.from(environment: ProcessInfo.processInfo.environment)
            return Workspace(layout: layout, manifest: manifest, target: target)
        } catch {
            fail(error.message)
        }
    }

    /// The exercise `name` (id, number or slug); exits 2 when there is none.
    func exercise(_ name: String) -> Exercise {
        guard let exercise = manifest.exercise(named: name) else {
            let ids = manifest.exercises.map(\.number).joined(separator: ", ")
            Self.fail("no exercise \(name); the exercises are \(ids)")
        }
        return exercise
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("workshop: \(message)\n".utf8))
        exit(2)
    }
}
