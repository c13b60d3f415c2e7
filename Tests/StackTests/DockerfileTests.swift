import Foundation
import TestSupport
import Testing

/// Checks of the Dockerfile that need no Docker engine (there is no hadolint here either).
@Suite("Dockerfile")
struct DockerfileTests {
    /// Executables a compose file may build before the package has them, with the reason (none today).
    static let pendingExecutables: [String: String] = [:]

    private func instructions() throws -> [(keyword: String, arguments: String)] {
        // Join continuation lines, drop comments, split each instruction into keyword and arguments.
        var joined: [String] = []
        var pending = ""
        for raw in try Repository.text("Dockerfile").split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if pending.isEmpty && (line.isEmpty || line.hasPrefix("#")) { continue }
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
            } else {
                joined.append(pending + line)
                pending = ""
            }
        }
        return joined.map { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            return (String(parts[0]).uppercased(), parts.count > 1 ? String(parts[1]) : "")
        }
    }

    private func executableProducts() throws -> Set<String> {
        let manifest = try Repository.text("Package.swift")
        let pattern = #/\.executable\(\s*name:\s*"([^"]+)"/#
        return Set(manifest.matches(of: pattern).map { String($0.output.1) })
    }

    @Test("every base image is pinned by a tag other than latest")
    func baseImagesPinned() throws {
        let froms = try instructions().filter { $0.keyword == "FROM" }.map(\.arguments)
        #expect(froms.count == 2, "a build stage and a run stage: \(froms)")
        for from in froms {
            let image = String(from.split(separator: " ").first ?? "")
            let tag = image.split(separator: ":").dropFirst().last.map(String.init)
            #expect(tag != nil && tag != "latest", "FROM \(from) is not pinned by a tag")
        }
        #expect(froms.first?.hasPrefix("swift:6.") == true && froms.first?.contains("-noble") == true)
        #expect(froms.last == "ubuntu:24.04")
    }

    @Test("the APP build argument defaults to an executable of the package")
    func appArgumentNamesAnExecutable() throws {
        let products = try executableProducts()
        let args = try instructions().filter { $0.keyword == "ARG" && $0.arguments.hasPrefix("APP") }
        #expect(args.count == 1)
        for arg in args {
            let value = arg.arguments.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init)
            let name = try #require(value, "ARG APP has no default")
            #expect(products.contains(name), "ARG APP=\(name) names no executable product in Package.swift")
        }
    }

    @Test("every compose build argument names an executable of the package")
    func composeBuildArgumentsNameExecutables() async throws {
        let products = try executableProducts()
        for file in try Repository.composeFiles() {
            let run = try await ManagedProcess.capture(
                executable: ManagedProcess.locate("docker-compose", debianPackage: "docker-compose"),
                arguments: ["-f", file, "config"]
            )
            for service in try ComposeService.parse(normalisedConfig: run.standardOutput).values {
                guard let app = service.buildApp else { continue }
                let known = products.contains(app) || Self.pendingExecutables[app] != nil
                #expect(
                    known,
                    "\(file): service \(service.name) builds APP=\(app), which Package.swift does not define"
                )
            }
        }
        for (name, reason) in Self.pendingExecutables where products.contains(name) {
            Issue.record("\(name) is now a product (\(reason)): remove it from pendingExecutables")
        }
    }

    @Test("the image runs as a non-root user on 0.0.0.0:9000 with a health check, from a static build")
    func runtimeSettings() throws {
        let all = try instructions()
        let runStage = all.drop { !($0.keyword == "FROM" && $0.arguments == "ubuntu:24.04") }
        #expect(runStage.contains { $0.keyword == "USER" && !$0.arguments.hasPrefix("root") })
        #expect(runStage.contains { $0.keyword == "ENV" && $0.arguments.contains("HTTP_HOST=0.0.0.0") })
        #expect(runStage.contains { $0.keyword == "EXPOSE" && $0.arguments == "9000" })
        #expect(runStage.contains { $0.keyword == "HEALTHCHECK" && $0.arguments.contains("GET / HTTP/1.1") })
        #expect(runStage.contains { $0.keyword == "RUN" && $0.arguments.contains("libhiredis1.1.0") })
        #expect(!runStage.contains { $0.keyword == "RUN" && $0.arguments.contains("swift") })
        #expect(all.contains { $0.keyword == "RUN" && $0.arguments.contains("--static-swift-stdlib") })
        #expect(all.contains { $0.keyword == "RUN" && $0.arguments.contains("libhiredis-dev") })
    }

    @Test("dependencies resolve in their own layer, before the sources are copied")
    func dependencyLayerFirst() throws {
        let all = try instructions()
        let copyManifest = all.firstIndex { $0.keyword == "COPY" && $0.arguments.hasPrefix("Package.swift") }
        let resolve = all.firstIndex { $0.keyword == "RUN" && $0.arguments.contains("swift package resolve") }
        let copySources = all.firstIndex { $0.keyword == "COPY" && $0.arguments.hasPrefix(". ") }
        let (manifest, resolved, sources) = (
            try #require(copyManifest), try #require(resolve), try #require(copySources)
        )
        #expect(manifest < resolved && resolved < sources)
    }

    @Test("SwiftPM's build folder is one BuildKit cache, and the binary leaves it in the step that builds it")
    func buildFolderIsACache() throws {
        let syntax = try Repository.text("Dockerfile").split(separator: "\n").first.map(String.init)
        #expect(syntax == "# syntax=docker/dockerfile:1", "cache mounts need the BuildKit front end named first")
        let all = try instructions()
        let workdir = try #require(all.last { $0.keyword == "WORKDIR" && $0.arguments.hasPrefix("/build") })
        let cacheMount = #/--mount=type=cache,(?<options>\S+)/#
        func mount(of step: (keyword: String, arguments: String)) -> [String: String] {
            guard let match = step.arguments.firstMatch(of: cacheMount) else { return [:] }
            var options: [String: String] = [:]
            for option in match.output.options.split(separator: ",") {
                let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
                options[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            return options
        }
        let resolve = try #require(all.first { $0.keyword == "RUN" && $0.arguments.contains("swift package resolve") })
        let build = try #require(all.first { $0.keyword == "RUN" && $0.arguments.contains("swift build -c release") })
        let (resolveMount, buildMount) = (mount(of: resolve), mount(of: build))
        #expect(
            buildMount["target"] == workdir.arguments + "/.build",
            "the build's cache is not SwiftPM's build folder"
        )
        #expect(buildMount["id"] != nil && buildMount["id"] == resolveMount["id"], "resolve and build share one cache")
        #expect(resolveMount["target"] == buildMount["target"])
        #expect(buildMount["sharing"] == "locked", "two apps built at once would share one build folder")
        // The cache is not in the image: the binary must be copied out while it is mounted.
        #expect(build.arguments.contains("/staging/app"), "the build step does not copy the binary out of the cache")
        let copiesFromCache = all.contains {
            $0.keyword == "COPY" && $0.arguments.contains(".build/") && $0.arguments.contains("--from=build")
        }
        #expect(!copiesFromCache, "a COPY --from=build of .build/ finds nothing: the folder is a cache mount")
    }

    @Test(".dockerignore keeps build folders and local state out of the build context")
    func dockerignore() throws {
        let entries = Set(try Repository.text(".dockerignore").split(separator: "\n").map(String.init))
        #expect(entries.isSuperset(of: [".build", ".build*", ".git", "Package.resolved", ".swiftpm"]))
    }
}
