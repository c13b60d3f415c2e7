import AppAssembly
import AppCore
import AppMetrics
import Exposition
import Foundation
import Hummingbird
import Prometheus
import Solutions
import TestSupport
import Testing

@Suite("The instrumented app against a real Redis")
struct InstrumentedAppTests {
    /// The instrumented app on Redis at `redis`, with its own registry and the reference recorders.
    static func makeApplication(redis: RedisServer) throws -> AppApplication {
        let registry = PrometheusCollectorRegistry()
        let summaries = SummaryRegistry(alongside: registry)
        return buildInstrumentedApplication(
            configuration: AppConfiguration(redisHost: redis.host, redisPort: redis.port, logLevel: .warning),
            registry: registry,
            summaries: summaries,
            requestRecorder: try RequestMetrics(registry: registry, summaries: summaries),
            lookupObserver: CacheMetrics(registry: registry)
        )
    }

    static func store(_ key: String, _ value: String, with client: LoopbackClient) async throws {
        let body = ByteBuffer(string: #"{"key": "\#(key)", "value": "\#(value)"}"#)
        try await client.execute(uri: "/items", method: .post, headers: [.contentType: "application/json"], body: body)
        {
            #expect($0.status == .created)
        }
    }

    @Test("counts cache hits and misses, Redis commands and requests exactly")
    func exactCounts() async throws {
        try await RedisServer.with { redis in
            let prefix = RedisServer.makeKeyPrefix()
            try await Self.makeApplication(redis: redis).withLoopbackServer { client in
                try await Self.store("\(prefix)a", "one", with: client)
                for _ in 0..<3 {
                    try await client.execute(uri: "/items/\(prefix)a", method: .get) { #expect($0.status == .ok) }
                }
                for index in 0..<2 {
                    try await client.execute(uri: "/items/\(prefix)missing\(index)", method: .get) {
                        #expect($0.status == .notFound)
                    }
                }
                let families = try await MeteredRouter.scrape(client)
                #expect(families.value(of: "redis_app_cache_hit_total") == 3)
                #expect(families.value(of: "redis_app_cache_miss_total") == 2)
                #expect(families.family(named: "redis_app_cache_hit_total")?.type == .counter)
                #expect(
                    families.value(of: "redis_app_redis_command_duration_seconds_count", labels: ["command": "GET"])
                        == 5
                )
                #expect(
                    families.value(of: "redis_app_redis_command_duration_seconds_count", labels: ["command": "SET"])
                        == 1
                )
                #expect(families.family(named: "redis_app_redis_command_duration_seconds")?.type == .histogram)
                #expect(families.family(named: "redis_app_redis_errors_total") == nil, "no command failed")
                let item = ["method": "GET", "handler": "/items/{key}"]
                #expect(families.value(of: "http_requests_total", labels: item.merging(["status": "200"]) { $1 }) == 3)
                #expect(families.value(of: "http_requests_total", labels: item.merging(["status": "404"]) { $1 }) == 2)
                #expect(
                    families.value(
                        of: "http_requests_total",
                        labels: ["method": "POST", "handler": "/items", "status": "201"]
                    ) == 1
                )
                #expect(families.value(of: "http_request_duration_summary_seconds_count", labels: item) == 5)
            }
        }
    }

    @Test("counts failed Redis commands by kind, and the 503 answers, while Redis is stopped")
    func redisErrors() async throws {
        try await RedisServer.with(reusingEnvironment: false) { redis in
            let prefix = RedisServer.makeKeyPrefix()
            try await Self.makeApplication(redis: redis).withLoopbackServer { client in
                try await client.execute(uri: "/items/\(prefix)a", method: .get) { #expect($0.status == .notFound) }
                try redis.stop()
                for _ in 0..<2 {
                    try await client.execute(uri: "/items/\(prefix)a", method: .get) {
                        #expect($0.status == .serviceUnavailable)
                    }
                }
                let families = try await MeteredRouter.scrape(client)
                let errors = try #require(families.family(named: "redis_app_redis_errors_total"))
                #expect(errors.type == .counter)
                #expect(errors.samples.map(\.labels) == [["command": "GET", "kind": "connection"]])
                #expect(
                    errors.value(of: "redis_app_redis_errors_total", labels: ["command": "GET", "kind": "connection"])
                        == 2
                )
                #expect(
                    families.value(of: "redis_app_redis_command_duration_seconds_count", labels: ["command": "GET"])
                        == 3
                )
                #expect(
                    families.value(of: "redis_app_cache_miss_total") == 1,
                    "failed lookups are neither hits nor misses"
                )
                #expect(
                    families.value(
                        of: "http_requests_total",
                        labels: ["method": "GET", "handler": "/items/{key}", "status": "503"]
                    ) == 2
                )
                try await redis.restart()
                try await client.execute(uri: "/items/\(prefix)a", method: .get) { #expect($0.status == .notFound) }
            }
        }
    }

    @Test("promtool finds nothing in its scrape but the lint on the fixed summary name")
    func promtool() async throws {
        try await RedisServer.with { redis in
            let prefix = RedisServer.makeKeyPrefix()
            try await Self.makeApplication(redis: redis).withLoopbackServer { client in
                try await Self.store("\(prefix)k", "v", with: client)
                try await client.execute(uri: "/items/\(prefix)k", method: .get) { _ in }
                try await client.execute(uri: "/items/\(prefix)nope", method: .get) { _ in }
                try await client.execute(uri: "/", method: .get) { _ in }
                try await client.execute(uri: "/random/path", method: .get) { _ in }
                let body = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
                let (status, output) = try await RealToolsTests.promtoolCheck(body)
                let findings = output.split(separator: "\n").map { String($0) }.filter { !$0.isEmpty }
                #expect(findings == [RealToolsTests.fixedNameFinding], "promtool: \(output)")
                #expect(status == 3, "promtool: \(output)")
            }
        }
    }

    @Test("a Prometheus scraping it every second answers the workshop's queries")
    func prometheus() async throws {
        try await RedisServer.with { redis in
            let prefix = RedisServer.makeKeyPrefix()
            try await Self.makeApplication(redis: redis).withLoopbackServer { client in
                try await Self.store("\(prefix)k", "v", with: client)
                let port = client.port
                let answers = try await RealToolsTests.scrapeAndQuery(port: port) { round in
                    for index in 0..<10 {
                        let key = index % 2 == 0 ? "\(prefix)k" : "\(prefix)missing\(round)"
                        try await client.execute(uri: "/items/\(key)", method: .get) { _ in }
                    }
                }
                for (query, values) in answers {
                    #expect(!values.isEmpty && values.allSatisfy { $0.isFinite && $0 >= 0 }, "\(query): \(values)")
                }
            }
        }
    }
}
