import AppAssembly
import AppCore
import AppMetrics
import AppTracing
import Course
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
        logLines: LogLines? = nil,
        _ body: @escaping @Sendable (AppSession) async throws -> T
    ) async throws -> T {
        var configuration = AppConfiguration(
            httpHost: "127.0.0.1",
            httpPort: 0,
            redisHost: redisHost,
            redisPort: redisPort,
            redisTimeout: .milliseconds(500)
        )
        var logger = Logger(label: "exercise-check")
        logger.logLevel = .critical
        if let logLines {
            // The app's JSON log lines, kept for the check, and a tracer so that they carry trace ids. Its
            // spans go to a port nothing listens on: they are dropped, which is all a check needs.
            logger = Logger(label: "workshop-app") { _ in
                JSONLogHandler(service: "workshop-app", metadataProvider: .traceIDs) { logLines.append($0) }
            }
            logger.logLevel = .info
            configuration.otlpEndpoint = OTLPEndpoint("http://127.0.0.1:\(try LoopbackPort.free())")
        }
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

    func get(_ path: String, headers: [(String, String)] = []) async throws -> Answer {
        let response = try await client.send(.GET, path, headers: headers)
        return Answer(status: response.status, body: response.body)
    }

    func post(_ path: String, json: String, headers: [(String, String)] = []) async throws -> Answer {
        let response = try await client.send(.POST, path, json: json, headers: headers)
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
