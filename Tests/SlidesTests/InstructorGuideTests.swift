import Foundation
import TestSupport
import Testing

/// `slides/INSTRUCTOR.md` names commands, images and files an instructor will type on the day: each
/// must exist, as on the slides.
@Suite("The instructor's guide names what the repository has")
struct InstructorGuideTests {
    static let path = "slides/INSTRUCTOR.md"
    /// Arguments that stand for the instructor's own files, not the repository's.
    static let placeholders = ["SUBMISSIONS/"]

    static func guide() throws -> Deck { try Deck.load(path) }

    /// The guide's sections (`## `), each with its `### ` subsections' texts.
    static func section(_ title: String, in text: String) -> String? {
        text.components(separatedBy: "\n## ").first { $0.hasPrefix(title) }
    }

    @Test("every command in the guide names an executable, subcommand, service, port and route that exist")
    func commandsNameRealThings() throws {
        let guide = try Self.guide()
        let checker = CommandChecker(facts: try ProjectFacts.load())
        let shown = CommandTests.shownCommands(in: guide)
        #expect(shown.count >= 20, "expected the guide to show commands; found \(shown.count)")
        var findings: [String] = []
        for (line, script) in shown {
            findings += checker.check(script: script)
                .filter { finding in !Self.placeholders.contains { finding.contains("`\($0)") } }
                .map { "\(Self.path):\(line): \($0)" }
        }
        #expect(findings.isEmpty, "\(findings.joined(separator: "\n"))")
    }

    @Test("the pre-flight pulls every image the stack and the Dockerfile use, by their exact names")
    func preflightImages() throws {
        let guide = try Repository.text(Self.path)
        let pulled = Set(guide.matches(of: /(?m)^docker pull (?<image>\S+)$/).map { String($0.output.image) })
        let compose = try Repository.text("docker-compose.yml")
        let composeImages = compose.matches(of: /(?m)^\s+image:\s*(?<image>\S+)\s*$/).map { String($0.output.image) }
            .filter { !$0.hasPrefix("infraobs/") }  // built by `docker compose build`, not pulled
        let bases = try Repository.text("Dockerfile").matches(of: /(?m)^FROM (?<image>\S+)/).map {
            String($0.output.image)
        }
        let needed = Set(composeImages + bases)
        #expect(needed.count >= 5)
        #expect(needed.isSubset(of: pulled), "the pre-flight does not pull \(needed.subtracting(pulled).sorted())")
        let deck = try Repository.text("slides/workshop.md")
        for image in pulled.subtracting(needed) {
            #expect(deck.contains(image), "the pre-flight pulls \(image), which neither the stack nor the deck uses")
        }
    }

    @Test("ten failures on the day, each with a fix that is a command")
    func tenFailures() throws {
        let text = try Repository.text(Self.path)
        let section = try #require(Self.section("Ten failures on the day", in: text))
        let failures = section.components(separatedBy: "\n### ").dropFirst()
        #expect(failures.count == 10, "the section lists \(failures.count) failures")
        for failure in failures {
            let hasCommand = failure.contains("```sh") || failure.contains("`swift run ")
            #expect(hasCommand, "`\(failure.prefix(60))` gives no command")
        }
    }

    @Test("the pre-flight gives a measured time for every Swift product it builds")
    func preflightTimes() throws {
        let text = try Repository.text(Self.path)
        let section = try #require(Self.section("Pre-flight", in: text))
        let rows = section.matches(of: /(?m)^\| `swift build (?<arguments>[^`]+)` \| (?<seconds>\d+) s \|/)
        #expect(rows.count >= 4, "expected a row per product, with seconds")
        #expect(section.contains("load average"), "a measured time without the load it was measured under")
        for product in ["workshop", "workshop-app", "dashboard-check", "loadgen"] {
            #expect(rows.contains { $0.output.arguments.contains("--product \(product)") }, "no time for \(product)")
        }
    }
}
