import Foundation
import TestSupport
import Testing

@Suite("Compose files")
struct ComposeFileTests {
    private func normalised(_ file: String, profiles: [String] = []) async throws -> [String: ComposeService] {
        var arguments = ["-f", file]
        for profile in profiles { arguments += ["--profile", profile] }
        let run = try await ManagedProcess.capture(
            executable: ManagedProcess.locate("docker-compose", debianPackage: "docker-compose"),
            arguments: arguments + ["config"]
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
        #expect(services["workshop-app"]?.ports.map(\.target) == [9000])
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
        #expect(services.values.allSatisfy { $0.environment["FAULT_ERROR_RATIO"] == nil })
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
