import Foundation
import TestSupport

/// What the repository offers that a slide's command may name: executables, compose services,
/// published ports, the apps' routes, the environment variables the code reads and the test suites.
struct ProjectFacts: Sendable {
    /// Executable products declared in Package.swift.
    var executables: Set<String>
    /// Compose files by path, relative to the package root.
    var composeFiles: [String: ComposeFile]
    /// Routes the apps serve.
    var routes: [Route]
    /// The port every app listens on by default.
    var appPort: Int
    /// Environment variable names the apps' sources read.
    var environmentVariables: Set<String>
    /// The subcommands of `dashboard-check` (`lint`, `grade`...).
    var dashboardCheckSubcommands: Set<String> = []
    /// The subcommands of `workshop` (`status`, `verify`...).
    var workshopSubcommands: Set<String> = []
    /// The types declared in each test target, by target name.
    var testTypes: [String: Set<String>] = [:]

    /// The compose file `docker compose` uses when no `-f` is given.
    static let defaultComposeFile = "docker-compose.yml"

    /// Reads the facts from the package at `Repository.root`.
    static func load() throws -> ProjectFacts {
        let manifest = try Repository.text("Package.swift")
        let executables = Set(
            manifest.matches(of: /\.executable\(\s*name:\s*"(?<name>[^"]+)"/).map { String($0.output.name) }
        )
        var composeFiles: [String: ComposeFile] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Repository.root.path)) ?? []
        for name in names where name.hasPrefix("docker-compose") && (name.hasSuffix(".yml") || name.hasSuffix(".yaml"))
        {
            composeFiles[name] = try ComposeFile.load(name)
        }
        let sources = try SwiftSources.load(under: "Sources")
        let environment = Set(
            sources.flatMap {
                $0.text.matches(of: /"(?<name>[A-Z][A-Z0-9_]*_[A-Z0-9_]+)"/).map { String($0.output.name) }
            }
        )
        func subcommands(of tool: String) -> Set<String> {
            Set(
                sources.filter { $0.path.hasPrefix("Sources/\(tool)/") }.flatMap {
                    $0.text.matches(of: /commandName:\s*"(?<name>[a-z-]+)"/).map { String($0.output.name) }
                }
            ).subtracting([tool])
        }
        var testTypes: [String: Set<String>] = [:]
        for match in manifest.matches(of: /\.testTarget\(\s*name:\s*"(?<name>[^"]+)"/) {
            let target = String(match.output.name)
            let files = try SwiftSources.load(under: "Tests/\(target)")
            testTypes[target] = Set(
                files.flatMap {
                    $0.text.matches(of: /(?m)^(?:final )?(?:struct|class|enum) (?<type>[A-Za-z0-9_]+)/).map {
                        String($0.output.type)
                    }
                }
            )
        }
        return ProjectFacts(
            executables: executables,
            composeFiles: composeFiles,
            routes: try RouteScanner.routes(in: sources),
            appPort: 9000,
            environmentVariables: environment,
            dashboardCheckSubcommands: subcommands(of: "dashboard-check"),
            workshopSubcommands: subcommands(of: "workshop"),
            testTypes: testTypes
        )
    }

    /// The host ports that reach an app's HTTP server (published to container port `appPort`).
    var appHostPorts: Set<Int> {
        var ports: Set<Int> = [appPort]
        for file in composeFiles.values {
            for (host, target) in file.publishedPorts where target.containerPort == appPort { ports.insert(host) }
        }
        return ports
    }

    /// Every host port some compose file publishes, plus the apps' own port.
    var knownHostPorts: Set<Int> {
        composeFiles.values.reduce(into: appHostPorts) { $0.formUnion($1.publishedPorts.keys) }
    }
}
