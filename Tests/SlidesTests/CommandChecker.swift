import Foundation
import TestSupport

/// Checks that a command shown on a slide names things the repository has.
///
/// - `swift run PRODUCT`: an executable product of Package.swift; for `workshop`, one of its subcommands.
/// - `swift build --product PRODUCT`: an executable product of Package.swift.
/// - `swift test --filter TARGET[.TYPE]`: a test target of Package.swift and a type declared in it.
/// - `docker compose [-f FILE] SUBCOMMAND SERVICE...`: an existing compose file and its services.
/// - `docker build --build-arg APP=PRODUCT`: an executable product, and the Dockerfile.
/// - `docker run -e NAME=...` and `NAME=... command`: a variable the apps read.
/// - `curl [localhost:]PORT/PATH`: a published port, and for an app's port a route with that method; a
///   body sent to an app is sent as JSON (`-H 'Content-Type: application/json'` or `--json`), as
///   `POST /items` answers 415 to curl's default form type.
/// - `dashboard-check ARGS`: files named in the arguments exist.
struct CommandChecker: Sendable {
    var facts: ProjectFacts

    /// Subcommands of `docker compose` whose positional arguments are all service names.
    static let serviceSubcommands: Set<String> = [
        "up", "start", "stop", "restart", "logs", "ps", "build", "pull", "rm", "kill", "pause", "unpause", "create",
        "top", "images", "port",
    ]
    /// `docker compose` options before the subcommand that take a value.
    static let composeGlobalValueOptions: Set<String> = [
        "-f", "--file", "-p", "--project-name", "--profile", "--env-file", "--project-directory",
    ]
    /// Subcommand options that take a value, which is then not a service name.
    static let composeValueOptions: Set<String> = [
        "--scale", "-t", "--timeout", "--tail", "-e", "--env", "-u", "--user", "-w", "--workdir", "--name",
        "--entrypoint", "--index",
    ]
    /// `curl` options that take a value.
    static let curlValueOptions: Set<String> = [
        "-X", "--request", "-H", "--header", "-d", "--data", "--data-raw", "--data-binary", "-o", "--output", "-w",
        "--write-out", "-m", "--max-time", "-u", "--user", "-A", "--user-agent", "--json",
    ]

    /// Findings for every command in `script`; empty when all are fine.
    func check(script: String) -> [String] {
        ShellWords.commands(in: script).flatMap { check(words: $0) }
    }

    /// Findings for one command given as words.
    func check(words original: [String]) -> [String] {
        var findings: [String] = []
        var words = original[...]
        while let first = words.first, let name = first.wholeMatch(of: /(?<name>[A-Z][A-Z0-9_]*)=.*/) {
            findings += checkVariable(String(name.output.name))
            words = words.dropFirst()
        }
        guard let program = words.first else { return findings }
        let arguments = Array(words.dropFirst())
        switch program {
        case "swift" where arguments.first == "run":
            findings += checkSwiftRun(Array(arguments.dropFirst()))
        case "swift" where arguments.first == "build":
            findings += checkSwiftBuild(Array(arguments.dropFirst()))
        case "swift" where arguments.first == "test":
            findings += checkSwiftTest(Array(arguments.dropFirst()))
        case "docker" where arguments.first == "compose":
            findings += checkCompose(Array(arguments.dropFirst()))
        case "docker-compose":
            findings += checkCompose(arguments)
        case "docker" where arguments.first == "build":
            findings += checkDockerBuild(Array(arguments.dropFirst()))
        case "docker" where arguments.first == "run":
            findings += checkDockerRun(Array(arguments.dropFirst()))
        case "curl":
            findings += checkCurl(arguments)
        case "dashboard-check":
            findings += checkFileArguments(arguments, of: "dashboard-check")
        default:
            break
        }
        return findings
    }

    private func checkVariable(_ name: String) -> [String] {
        facts.environmentVariables.contains(name) ? [] : ["`\(name)` is not an environment variable the apps read"]
    }

    private func checkSwiftRun(_ arguments: [String]) -> [String] {
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-") {
            index += ["-c", "--configuration", "--scratch-path", "--package-path"].contains(arguments[index]) ? 2 : 1
        }
        guard index < arguments.count else { return ["`swift run` without a product name"] }
        let product = arguments[index]
        guard facts.executables.contains(product) else {
            return [
                "`swift run \(product)`: no executable product `\(product)` in Package.swift "
                    + "(there are: \(facts.executables.sorted().joined(separator: ", ")))"
            ]
        }
        if product == "dashboard-check" {
            return checkFileArguments(Array(arguments.dropFirst(index + 1)), of: product)
        }
        if product == "workshop", let subcommand = arguments.dropFirst(index + 1).first(where: { !$0.hasPrefix("-") }),
            !facts.workshopSubcommands.contains(subcommand)
        {
            return [
                "`workshop \(subcommand)`: no such subcommand "
                    + "(there are: \(facts.workshopSubcommands.sorted().joined(separator: ", ")))"
            ]
        }
        return []
    }

    private func checkSwiftBuild(_ arguments: [String]) -> [String] {
        zip(arguments, arguments.dropFirst()).filter { $0.0 == "--product" }.map(\.1)
            .filter { !facts.executables.contains($0) }
            .map { "`swift build --product \($0)`: no executable product `\($0)` in Package.swift" }
    }

    private func checkSwiftTest(_ arguments: [String]) -> [String] {
        var filters: [String] = []
        for (index, word) in arguments.enumerated() {
            if word == "--filter", index + 1 < arguments.count {
                filters.append(arguments[index + 1])
            } else if word.hasPrefix("--filter=") {
                filters.append(String(word.dropFirst("--filter=".count)))
            }
        }
        var findings: [String] = []
        for filter in filters {
            let parts = filter.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2, parts.allSatisfy({ $0.wholeMatch(of: /[A-Za-z0-9_]+/) != nil }) else {
                continue  // a regular expression, not a TARGET.TYPE name
            }
            if let types = facts.testTypes[parts[0]] {
                if parts.count == 2, !types.contains(parts[1]) {
                    findings.append("`swift test --filter \(filter)`: no type `\(parts[1])` in Tests/\(parts[0])")
                }
            } else if parts.count == 2 || !facts.testTypes.values.contains(where: { $0.contains(parts[0]) }) {
                findings.append(
                    "`swift test --filter \(filter)`: no test target `\(parts[0])` in Package.swift"
                )
            }
        }
        return findings
    }

    private func checkCompose(_ arguments: [String]) -> [String] {
        var files: [String] = []
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-") {
            let option = arguments[index]
            if option == "-f" || option == "--file", index + 1 < arguments.count { files.append(arguments[index + 1]) }
            index += Self.composeGlobalValueOptions.contains(option) ? 2 : 1
        }
        if files.isEmpty { files = [ProjectFacts.defaultComposeFile] }
        var findings: [String] = []
        var services: Set<String> = []
        for file in files {
            if let compose = facts.composeFiles[file] {
                services.formUnion(compose.services)
            } else {
                findings.append("`docker compose`: no compose file `\(file)` in the repository")
            }
        }
        guard index < arguments.count else { return findings + ["`docker compose` without a subcommand"] }
        let subcommand = arguments[index]
        var positional: [String] = []
        index += 1
        while index < arguments.count {
            let word = arguments[index]
            if word.hasPrefix("-") {
                index += Self.composeValueOptions.contains(word) ? 2 : 1
                continue
            }
            positional.append(word)
            index += 1
        }
        let named: [String]
        if Self.serviceSubcommands.contains(subcommand) {
            named = positional
        } else if subcommand == "run" || subcommand == "exec" {
            named = Array(positional.prefix(1))
        } else {
            named = []
        }
        for service in named where !services.contains(service) {
            findings.append(
                "`docker compose \(subcommand) \(service)`: no service `\(service)` in \(files.joined(separator: ", "))"
            )
        }
        return findings
    }

    private func checkDockerBuild(_ arguments: [String]) -> [String] {
        var findings: [String] = []
        var dockerfile = "Dockerfile"
        var context: String?
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            let value = index + 1 < arguments.count ? arguments[index + 1] : ""
            switch word {
            case "--build-arg":
                if let app = value.wholeMatch(of: /APP=(?<app>.+)/)?.output.app,
                    !facts.executables.contains(String(app))
                {
                    findings.append(
                        "`docker build --build-arg APP=\(app)`: no executable product `\(app)` in Package.swift"
                    )
                }
                index += 2
            case "-f", "--file":
                dockerfile = value
                index += 2
            case "-t", "--tag", "--target", "--platform":
                index += 2
            default:
                if !word.hasPrefix("-") { context = word }
                index += 1
            }
        }
        let directory = context ?? "."
        let path =
            dockerfile.hasPrefix("/") ? dockerfile : (directory == "." ? dockerfile : "\(directory)/\(dockerfile)")
        if !FileManager.default.fileExists(atPath: Repository.path(path).path) {
            findings.append("`docker build`: no `\(path)` in the repository")
        }
        return findings
    }

    private func checkDockerRun(_ arguments: [String]) -> [String] {
        var findings: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "-e" || word == "--env", index + 1 < arguments.count,
                let name = arguments[index + 1].firstMatch(of: /^(?<name>[A-Z][A-Z0-9_]*)/)?.output.name
            {
                findings += checkVariable(String(name))
            }
            index += 1
        }
        return findings
    }

    private func checkCurl(_ arguments: [String]) -> [String] {
        var method: String?
        var hasBody = false
        var sendsJSON = false
        var urls: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if Self.curlValueOptions.contains(word) {
                if word == "-X" || word == "--request", index + 1 < arguments.count { method = arguments[index + 1] }
                if word.hasPrefix("-d") || word.hasPrefix("--data") || word == "--json" { hasBody = true }
                if word == "--json" { sendsJSON = true }
                if word == "-H" || word == "--header", index + 1 < arguments.count,
                    arguments[index + 1].lowercased().filter({ $0 != " " }).hasPrefix("content-type:application/json")
                {
                    sendsJSON = true
                }
                index += 2
                continue
            }
            if !word.hasPrefix("-") { urls.append(word) }
            index += 1
        }
        let verb = method ?? (hasBody ? "POST" : "GET")
        var findings: [String] = []
        for url in urls {
            guard
                let match = url.wholeMatch(
                    of: /(?:https?:\/\/)?(?:localhost|127\.0\.0\.1):(?<port>\d+)(?<path>\/[^?#\s]*)?(?:\?.*)?/
                ), let port = Int(match.output.port)
            else {
                findings.append("`curl \(url)`: not a localhost:PORT/PATH address")
                continue
            }
            let path = String(match.output.path ?? "/")
            guard facts.knownHostPorts.contains(port) else {
                findings.append("`curl \(url)`: nothing in the stack listens on port \(port)")
                continue
            }
            if facts.appHostPorts.contains(port),
                !facts.routes.contains(where: { $0.matches(method: verb, path: path) })
            {
                findings.append(
                    "`curl \(url)`: the apps serve no route for \(verb) \(path) "
                        + "(routes: \(facts.routes.map(\.description).joined(separator: ", ")))"
                )
            }
            if facts.appHostPorts.contains(port), hasBody, !sendsJSON {
                findings.append(
                    "`curl \(url)`: the body goes as a form; add -H 'Content-Type: application/json' "
                        + "(the apps answer 415 otherwise)"
                )
            }
        }
        return findings
    }

    private func checkFileArguments(_ arguments: [String], of program: String) -> [String] {
        var findings: [String] = []
        if program == "dashboard-check", let subcommand = arguments.first(where: { !$0.hasPrefix("-") }),
            !facts.dashboardCheckSubcommands.contains(subcommand)
        {
            findings.append(
                "`dashboard-check \(subcommand)`: no such subcommand "
                    + "(there are: \(facts.dashboardCheckSubcommands.sorted().joined(separator: ", ")))"
            )
        }
        return findings
            + arguments.filter {
                !$0.hasPrefix("-") && !$0.contains("://")
                    && ($0.contains("/") || $0.hasSuffix(".json") || $0.hasSuffix(".yml"))
            }
            .filter { !FileManager.default.fileExists(atPath: Repository.path($0).path) }
            .map { "`\(program)`: the file `\($0)` does not exist in the repository" }
    }
}
