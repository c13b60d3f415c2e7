import AppAssembly
import AppCore
import AppMetrics
import Exposition
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import Prometheus

/// The workshop app of one module, serving on a port of 127.0.0.1 the system chose, for one check:
/// requests reach it over real sockets, as they would in production.
struct AppSession: Sendable {
    /// A response as a check reports it.
    struct Answer {
        var status: Int
        var body: String
        var summary: String { "\(status) \(body)" }
    }

    let client: LoopbackHTTPClient

    /// Builds the app of `module` with Redis at `redisHost:redisPort`, starts it, runs `body` with a
    /// session, and stops the app.
    static func with<T: Sendable>(
        module: any WorkshopModule,
        redisHost: String,
        redisPort: Int,
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        _ body: @escaping @Sendable (AppSession) async throws -> T
    ) async throws -> T {
        let configuration = AppConfiguration(
            httpHost: "127.0.0.1",
            httpPort: 0,
            redisHost: redisHost,
            redisPort: redisPort,
            redisTimeout: .milliseconds(500)
        )
        var logger = Logger(label: "exercise-check")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = try buildWorkshopApplication(
            module: module,
            configuration: configuration,
            service: "workshop-app",
            registry: registry,
            logger: logger,
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.runService(gracefulShutdownSignals: []) }
            // Stops the app however the check ends; the group then waits for it to close.
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                throw ExerciseCheckError("the app did not start listening on 127.0.0.1")
            }
            return try await body(AppSession(client: LoopbackHTTPClient(port: port)))
        }
    }

    func get(_ path: String) async throws -> Answer {
        let response = try await client.send(.GET, path)
        return Answer(status: response.status, body: response.body)
    }

    func post(_ path: String, json: String) async throws -> Answer {
        let response = try await client.send(.POST, path, json: json)
        return Answer(status: response.status, body: response.body)
    }

    /// Scrapes `/metrics`; a body that does not parse is a problem worth reporting as such.
    func scrape() async throws -> [MetricFamily] {
        let answer = try await get("/metrics")
        guard answer.status == 200 else {
            throw ExerciseCheckError("GET /metrics answered \(answer.summary)")
        }
        do {
            return try ExpositionParser.parse(answer.body)
        } catch {
            throw ExerciseCheckError("the /metrics exposition does not parse: \(error.description)")
        }
    }
}
