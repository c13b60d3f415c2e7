import Course
import CourseGrading
import Foundation
import TestSupport
import Testing

/// What a student installs before the day, and how the tools tell a broken setup from a fresh one.
@Suite("A student's setup")
struct StudentSetupTests {
    static let readme = "Exercises/README.md"

    @Test(
        "Exercises/README.md opens with \"Before you come\": Swift, hiredis and Redis on both systems, Docker, one proof"
    )
    func beforeYouCome() throws {
        let text = try Repository.text(Self.readme)
        let sections = text.components(separatedBy: "\n## ")
        try #require(sections.count > 1, "\(Self.readme) has no sections")
        let first = sections[1]
        #expect(first.hasPrefix("Before you come\n"), "the first section of \(Self.readme) is not \"Before you come\"")
        for wanted in [
            "brew install hiredis redis", "sudo apt-get install libhiredis-dev redis-server", "swift --version",
            "docker compose version", "docker compose build", "swift run workshop status", "0 of 11 exercises pass",
            SetupReport.working,
        ] {
            #expect(first.contains(wanted), "\"Before you come\" does not mention `\(wanted)`")
        }
    }

    @Test("the CHiredis module names the apt and the Homebrew packages the README tells students to install")
    func hiredisProviders() throws {
        let manifest = try Repository.text("Package.swift")
        let declaration = try #require(
            manifest.firstMatch(of: /\.systemLibrary\(\s*name:\s*"CHiredis"(?<body>[^)]*\)[^)]*\)[^)]*\))/),
            "Package.swift declares no system library CHiredis"
        )
        let body = String(declaration.output.body)
        #expect(body.contains(#".apt(["libhiredis-dev"])"#), "CHiredis lists no apt provider: \(body)")
        #expect(body.contains(#".brew(["hiredis"])"#), "CHiredis lists no Homebrew provider: \(body)")
        #expect(body.contains(#"pkgConfig: "hiredis""#), "Homebrew's hiredis is found through pkg-config")
    }

    @Test("install messages name the command of the system the tool runs on")
    func platformHints() {
        let hint = Platform.installHint(debian: "libhiredis-dev", brew: "hiredis")
        #if os(macOS)
            #expect(hint == "install it with: brew install hiredis")
            #expect(Platform.swiftInstallHint.contains("Xcode"))
        #else
            #expect(hint == "install it with: sudo apt-get install libhiredis-dev")
            #expect(!Platform.swiftInstallHint.contains("Xcode"))
        #endif
    }

    @Test("a build that cannot find hiredis is a setup problem with the install command, not the student's code")
    func missingHiredis() throws {
        let layout = try requireLayout()
        let manifest = try ExerciseManifest.load(layout)
        let output = """
            \(layout.root)/Sources/CHiredis/shim.h:1:10: error: 'hiredis/hiredis.h' file not found
            \(layout.root)/Sources/RedisClient/RedisConnection.swift:1:8: error: could not build C module 'CHiredis'
            """
        let errors = CompilerDiagnostic.errors(in: output, root: layout.root)
        let problems = SetupReport.problems(grader: .unbuilt(errors, output: output), outcomes: [])
        #expect(problems.count == 1)
        #expect(problems.first?.contains(Platform.installHint(debian: "libhiredis-dev", brew: "hiredis")) == true)
        #expect(SetupReport.render(problems).hasPrefix("Setup problems"))
        #expect(SetupReport.render([]) == SetupReport.working)
        // A compile error in the student's own file is not a setup problem.
        let own = CompilerDiagnostic(file: manifest.exercises[2].files[0], line: 3, column: 1, message: "expected '}'")
        #expect(SetupReport.problems(grader: .unbuilt([own], output: own.description), outcomes: []).isEmpty)
    }

    @Test("status without redis-server on PATH says so under the table, with the install command")
    func missingRedis() async throws {
        let layout = try requireLayout()
        let run = try await ManagedProcess.run(
            executable: try Repository.builtExecutable("workshop"),
            arguments: ["status"],
            environment: [
                "PATH": "/nonexistent-infraobs-path",
                "WORKSHOP_TARGET": "solutions",
                "WORKSHOP_GRADER": try Repository.builtExecutable("workshop-grader"),
            ],
            removingEnvironment: ["REDIS_HOST", "REDIS_PORT"],
            currentDirectory: URL(fileURLWithPath: layout.root),
            timeout: 300
        )
        #expect(run.status == 1, "\(run.output)")
        #expect(run.output.contains("Setup problems"), "\(run.output)")
        #expect(
            run.output.contains(Platform.installHint(debian: "redis-server", brew: "redis")),
            "\(run.output)"
        )
        #expect(!run.output.contains(SetupReport.working), "\(run.output)")
    }
}
