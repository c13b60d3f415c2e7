import Foundation
import TestSupport
import Testing

@Suite("Compose files")
struct ComposeFileTests {
    private func normalised(
        _ file: String,
        profiles: [String] = [],
        environment: [String: String] = [:]
    ) async throws -> [String: ComposeService] {
        var arguments = ["-f", file]
        for profile in profiles { arguments += ["--profile", profile] }
        let run = try await ManagedProcess.capture(
            executable: ManagedProcess.locate("docker-compose", debianPackage: "docker-compose"),
            arguments: arguments + ["config"],
            environment: environment
        )
        #expect(run.status == 0, "docker-compose -f \(file) config failed: \(run.standardError)")
        return try ComposeService.parse(normalisedConfig: run.standardOutput)
    }

    @Test("every compose file in the repository is valid for docker-compose")
    func everyFileValidates() async throws {
        let files = try Repository.composeFiles()
        #expect(files == ["docker-compose.redis.yml", "docker-compose.simple.yml", "docker-compose.yml"])
        for file in files {
            let run = try await ManagedProcess.capture(
                executable: ManagedProcess.locate("docker-compose", debianPackage: "docker-compose"),
                arguments: ["-f", file, "config", "-q"]
            )
            #expect(run.status == 0, "\(file): \(run.standardError)")
        }
    }

    @Test("the full stack runs Redis, both apps, Prometheus and Grafana on the workshop's ports")
    func fullStackServices() async throws {
        let services = try await normalised("docker-compose.yml")
        // docker-compose 1.29 lists services of every profile; redis-port only starts with its profile.
        #expect(
            Set(services.keys) == [
                "redis", "instrumented-app", "instrumented-app-2", "instrumented-app-3", "workshop-app", "prometheus",
                "grafana", "redis-port", "jaeger",
            ]
        )
        #expect(services.values.filter { $0.profiles.isEmpty }.count == 8)
        #expect(services["redis"]?.ports.isEmpty == true, "Redis must not publish a host port by default")
        #expect(services["instrumented-app"]?.ports.map(\.published) == [9000])
        #expect(services["instrumented-app"]?.ports.map(\.target) == [9000])
        #expect(services["workshop-app"]?.ports.map(\.published) == [9001])
        #expect(services["workshop-app"]?.ports.map(\.target) == [9001], "workshop-app listens on 9001 inside too")
        #expect(services["workshop-app"]?.environment["HTTP_PORT"] == "9001")
        #expect(services["prometheus"]?.ports.map(\.published) == [9090])
        #expect(services["grafana"]?.ports.map(\.published) == [3000])
        #expect(services["instrumented-app"]?.buildApp == "instrumented-app")
        #expect(services["workshop-app"]?.buildApp == "workshop-app")
    }

    @Test("the apps send their spans to Jaeger over OTLP/HTTP and write JSON log lines")
    func tracesToJaeger() async throws {
        let services = try await normalised("docker-compose.yml")
        #expect(services["jaeger"]?.ports.map(\.published) == [16686])
        for name in ["instrumented-app", "instrumented-app-2", "instrumented-app-3", "workshop-app"] {
            #expect(services[name]?.environment["OTEL_EXPORTER_OTLP_ENDPOINT"] == "http://jaeger:4318", "\(name)")
            #expect(services[name]?.environment["LOG_FORMAT"] == "json", "\(name)")
        }
        let datasource = try YAMLDocument.load("configs/grafana/provisioning/datasources/jaeger.yml")
        let entry = try #require(datasource["datasources"]?.sequence?.first)
        #expect(entry["type"]?.string == "jaeger")
        #expect(entry["url"]?.string == "http://jaeger:16686")
        #expect(entry["uid"]?.string == "workshop-jaeger")
    }

    @Test("the reference app runs as three instances of one image; only the third injects latency")
    func referenceInstances() async throws {
        let services = try await normalised("docker-compose.yml")
        let names = ["instrumented-app", "instrumented-app-2", "instrumented-app-3"]
        #expect(names.map { services[$0]?.ports.map(\.published) ?? [] } == [[9000], [9002], [9003]])
        for name in names {
            #expect(services[name]?.buildApp == "instrumented-app", "\(name)")
            #expect(services[name]?.image == "infraobs/instrumented-app:workshop", "\(name)")
            #expect(services[name]?.dependsOn["redis"] == "service_healthy", "\(name)")
            #expect(services["prometheus"]?.dependsOn[name] == "service_healthy", "\(name)")
        }
        // The normalised file lists each service's environment; only instrumented-app-3 has faults.
        let faulty = services.values.filter {
            $0.environment["FAULT_LATENCY_MS"] == "200" && $0.environment["FAULT_LATENCY_RATIO"] == "0.2"
        }
        #expect(faulty.map(\.name) == ["instrumented-app-3"])
        #expect(names.allSatisfy { services[$0]?.environment["FAULT_ERROR_RATIO"] == nil })
    }

    @Test("workshop-app injects no errors unless FAULT_ERROR_RATIO is set when it starts, as the file's comments say")
    func studentFaults() async throws {
        let quiet = try await normalised("docker-compose.yml", environment: ["FAULT_ERROR_RATIO": ""])
        #expect(quiet["workshop-app"]?.environment["FAULT_ERROR_RATIO"] == "0")
        let failing = try await normalised("docker-compose.yml", environment: ["FAULT_ERROR_RATIO": "0.2"])
        #expect(failing["workshop-app"]?.environment["FAULT_ERROR_RATIO"] == "0.2")
        let compose = try Repository.text("docker-compose.yml")
        #expect(compose.contains("FAULT_ERROR_RATIO=0.2 docker compose up -d workshop-app"))
    }

    @Test("Grafana mounts each provisioned dashboard folder: the reference's and the student's")
    func grafanaDashboardMounts() async throws {
        let grafana = try #require(try await normalised("docker-compose.yml")["grafana"])
        let mounts = Dictionary(grafana.volumes.map { ($0.target, $0.source) }) { first, _ in first }
        #expect(mounts["/etc/grafana/provisioning"] == Repository.path("configs/grafana/provisioning").path)
        let providers = try GrafanaProviders.load()
        #expect(providers.map(\.folder).sorted() == ["Workshop", "Your work"])
        let expected = ["Workshop": "configs/grafana/dashboards", "Your work": "Exercises/dashboards"]
        for provider in providers {
            let source = try #require(
                mounts[provider.path],
                "nothing is mounted at \(provider.path) for \(provider.folder)"
            )
            #expect(source == Repository.path(expected[provider.folder] ?? "?").path, "\(provider.folder)")
        }
    }

    @Test("Prometheus mounts its configuration and the student's rules where prometheus.yml's rule_files find them")
    func prometheusRuleMounts() async throws {
        let prometheus = try #require(try await normalised("docker-compose.yml")["prometheus"])
        let configFlag = try #require(prometheus.command.first { $0.hasPrefix("--config.file=") })
        let configFile = URL(fileURLWithPath: String(configFlag.dropFirst("--config.file=".count)))
        let configFolder = configFile.deletingLastPathComponent().path
        #expect(configFile.lastPathComponent == "prometheus.yml")
        // Each rule folder, as a path in the repository and as prometheus.yml resolves it in the container.
        let top = Repository.root.standardizedFileURL.path
        let folders = try LoopbackPrometheusConfig.ruleFolders()
        #expect(folders == ["configs/prometheus/rules", LoopbackPrometheusConfig.studentRuleFolder])
        for folder in folders {
            let relative = try #require(
                Self.relativePath(Repository.path(folder).path, from: Repository.path("configs/prometheus").path)
            )
            let inContainer = URL(fileURLWithPath: configFolder).appendingPathComponent(relative).standardizedFileURL
                .path
            // The mount that holds it, and where that mount comes from.
            let mount = try #require(
                prometheus.volumes.filter { inContainer == $0.target || inContainer.hasPrefix($0.target + "/") }
                    .max { $0.target.count < $1.target.count },
                "nothing is mounted where prometheus.yml finds \(folder) (\(inContainer))"
            )
            let source = mount.source + inContainer.dropFirst(mount.target.count)
            #expect(source == top + "/" + folder, "\(inContainer) comes from \(source), not \(folder)")
        }
    }

    /// `path` relative to the folder `base` (both absolute), with `..` where it leaves `base`.
    static func relativePath(_ path: String, from base: String) -> String? {
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let origin = URL(fileURLWithPath: base).standardizedFileURL.pathComponents
        let shared = zip(target, origin).prefix { $0 == $1 }.count
        guard shared > 0 else { return nil }
        return (Array(repeating: "..", count: origin.count - shared) + target[shared...]).joined(separator: "/")
    }

    @Test("services start in order: each waits for what it needs to be healthy")
    func startOrder() async throws {
        let services = try await normalised("docker-compose.yml")
        #expect(services["redis"]?.hasHealthcheck == true)
        #expect(services["prometheus"]?.hasHealthcheck == true)
        #expect(services["grafana"]?.hasHealthcheck == true)
        #expect(services["instrumented-app"]?.dependsOn["redis"] == "service_healthy")
        #expect(services["workshop-app"]?.dependsOn["redis"] == "service_healthy")
        #expect(services["prometheus"]?.dependsOn["instrumented-app"] == "service_healthy")
        #expect(services["grafana"]?.dependsOn["prometheus"] == "service_healthy")
    }

    @Test("Redis gets a host port only when the redis-port profile asks for it")
    func redisPortProfile() async throws {
        let services = try await normalised("docker-compose.yml", profiles: ["redis-port"])
        let proxy = try #require(services["redis-port"])
        #expect(proxy.profiles == ["redis-port"])
        #expect(proxy.ports.map(\.published) == [6379])
        #expect(proxy.dependsOn["redis"] == "service_healthy")
    }

    @Test("the earlier stages: the simple app alone, then the Redis app with Redis")
    func stageFiles() async throws {
        let simple = try await normalised("docker-compose.simple.yml")
        #expect(Set(simple.keys) == ["simple-app"])
        #expect(simple["simple-app"]?.buildApp == "simple-app")
        #expect(simple["simple-app"]?.ports.map(\.published) == [9000])
        let redis = try await normalised("docker-compose.redis.yml")
        #expect(Set(redis.keys) == ["redis", "redis-app"])
        #expect(redis["redis-app"]?.buildApp == "redis-app")
        #expect(redis["redis-app"]?.dependsOn["redis"] == "service_healthy")
        #expect(redis["redis"]?.ports.isEmpty == true)
    }

    @Test("every image is pinned by a tag other than latest")
    func imagesPinned() async throws {
        for file in try Repository.composeFiles() {
            for service in try await normalised(file, profiles: ["redis-port"]).values {
                guard let image = service.image else { continue }
                let tag = image.split(separator: ":").dropFirst().last.map(String.init)
                #expect(tag != nil && tag != "latest", "\(file): service \(service.name) uses \(image)")
            }
        }
    }
}
