import Foundation
import Testing

@Suite("Commands on the slides name what the repository has")
struct CommandTests {
    /// The commands a slide shows: its shell code blocks and its inline code that starts with a known program.
    static func shownCommands(in deck: Deck) -> [(line: Int, script: String)] {
        var shown = deck.codeBlocks.filter(\.isShell).map { (line: $0.line, script: $0.content) }
        for slide in deck.slides {
            var outsideFences = ""
            var inFence = false
            for line in slide.content.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("```") || line.hasPrefix("~~~") {
                    inFence.toggle()
                } else if !inFence {
                    outsideFences += line + "\n"
                }
            }
            for span in outsideFences.matches(of: /`(?<code>[^`\n]+)`/) {
                let code = String(span.output.code)
                if ["swift run ", "docker ", "docker-compose ", "curl ", "dashboard-check "].contains(
                    where: code.hasPrefix
                ) {
                    shown.append((line: slide.line, script: code))
                }
            }
        }
        return shown
    }

    @Test("every command on a slide names an executable, service, port and route that exist")
    func commandsNameRealThings() throws {
        let deck = try Deck.load("slides/workshop.md")
        let checker = CommandChecker(facts: try ProjectFacts.load())
        let shown = Self.shownCommands(in: deck)
        let commands = shown.flatMap { ShellWords.commands(in: $0.script) }
        #expect(commands.count >= 20, "expected the deck to show commands; found \(commands.count)")
        var findings: [String] = []
        for (line, script) in shown {
            findings += checker.check(script: script).map { "slides/workshop.md:\(line): \($0)" }
        }
        #expect(findings.isEmpty, "\(findings.joined(separator: "\n"))")
    }

    @Test("the route scanner finds every endpoint the workshop documents in the apps' sources")
    func scannerFindsTheDocumentedRoutes() throws {
        let routes = try ProjectFacts.load().routes
        for (method, path) in [
            ("GET", "/"), ("POST", "/items"), ("GET", "/items"), ("GET", "/items/user:1"), ("GET", "/metrics"),
        ] {
            #expect(
                routes.contains { $0.matches(method: method, path: path) },
                "no route for \(method) \(path) found in Sources (found: \(routes.map(\.description)))"
            )
        }
    }

    @Test("a command naming a missing product, compose file, service, port or route is reported")
    func wrongCommandsAreReported() throws {
        let checker = CommandChecker(
            facts: ProjectFacts(
                executables: ["redis-app", "dashboard-check", "workshop"],
                composeFiles: [
                    "docker-compose.yml": try ComposeFile(
                        path: "docker-compose.yml",
                        text: "services:\n  redis:\n    image: redis\n  redis-app:\n    ports:\n      - \"9000:9000\"\n"
                    )
                ],
                routes: [Route(method: "GET", template: "/items/{key}"), Route(method: "POST", template: "/items")],
                appPort: 9000,
                environmentVariables: ["REDIS_HOST"],
                dashboardCheckSubcommands: ["lint", "grade"],
                workshopSubcommands: ["status", "verify"],
                testTypes: ["ExerciseTests": ["Exercise03RequestCounter"]]
            )
        )
        #expect(checker.check(script: "swift run redis-app").isEmpty)
        #expect(checker.check(script: "swift build -c release --product redis-app").isEmpty)
        #expect(checker.check(script: "swift build --product redis-ap").first?.contains("`redis-ap`") == true)
        #expect(checker.check(script: "swift run redis-ap").first?.contains("no executable product `redis-ap`") == true)
        #expect(checker.check(script: "docker compose up -d redis redis-app").isEmpty)
        #expect(checker.check(script: "docker compose logs -f prometheus").count == 1)
        #expect(
            checker.check(script: "docker compose -f nope.yml up").first?.contains("no compose file `nope.yml`") == true
        )
        #expect(checker.check(script: "curl localhost:9000/items/user:1").isEmpty)
        #expect(
            checker.check(script: "curl -X POST localhost:9000/items -H 'Content-Type: application/json' -d '{}'")
                .isEmpty
        )
        #expect(checker.check(script: "curl localhost:9000/items --json '{}'").isEmpty)
        #expect(
            checker.check(script: "curl -X POST localhost:9000/items -d '{}'").first?.contains("Content-Type") == true
        )
        #expect(
            checker.check(script: "curl localhost:9000/itemz/1").first?.contains("no route for GET /itemz/1") == true
        )
        #expect(checker.check(script: "curl localhost:9000/items").count == 1)
        #expect(checker.check(script: "curl localhost:8080/").first?.contains("port 8080") == true)
        #expect(checker.check(script: "REDIS_HOST=x swift run redis-app").isEmpty)
        #expect(checker.check(script: "REDIS_HOTS=x swift run redis-app").count == 1)
        #expect(checker.check(script: "docker run -e REDIS_PORT=1 img").count == 1)
        #expect(checker.check(script: "swift run dashboard-check lint Package.swift").isEmpty)
        #expect(checker.check(script: "swift run dashboard-check lnt Package.swift").count == 1)
        #expect(checker.check(script: "swift run dashboard-check lint nowhere/x.json").count == 1)
        #expect(checker.check(script: "swift run workshop verify 03").isEmpty)
        #expect(checker.check(script: "swift run workshop check 03").first?.contains("`workshop check`") == true)
        #expect(checker.check(script: "swift test --filter ExerciseTests.Exercise03RequestCounter").isEmpty)
        #expect(checker.check(script: "swift test --filter ExerciseTests").isEmpty)
        #expect(checker.check(script: "swift test --filter Exercise03RequestCounter").isEmpty)
        #expect(
            checker.check(script: "swift test --filter ExerciseTests.Exercise3RequestCounter").first?.contains(
                "no type `Exercise3RequestCounter` in Tests/ExerciseTests"
            ) == true
        )
        #expect(checker.check(script: "swift test --filter ExerciseTest.Exercise03RequestCounter").count == 1)
    }

    @Test("shell lines are split into commands and words like a shell would")
    func shellWords() {
        let commands = ShellWords.commands(
            in: "curl -X POST localhost:9000/items \\\n  -d '{\"key\": \"a b\"}' && echo done # comment\nls | wc -l"
        )
        #expect(
            commands == [
                ["curl", "-X", "POST", "localhost:9000/items", "-d", "{\"key\": \"a b\"}"], ["echo", "done"], ["ls"],
                ["wc", "-l"],
            ]
        )
    }
}
