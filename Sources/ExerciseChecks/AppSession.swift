import AppCore
import AppMetrics
import Exposition
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus

/// The workshop app of one module, running for one check: requests go through its router, the
/// same way a real server would serve them.
struct AppSession {
    /// A response as a check reports it.
    struct Answer {
        var status: Int
        var body: String
        var summary: String { "\(status) \(body)" }
    }

    let client: any TestClientProtocol

    /// Builds the app of `module` with Redis at `redisHost:redisPort`, runs `body` with a session, and
    /// shuts the app down.
    static func with<T: Sendable>(
        module: any WorkshopModule,
        redisHost: String,
        redisPort: Int,
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        _ body: @escaping @Sendable (AppSession) async throws -> T
    ) async throws -> T {
        let configuration = AppConfiguration(
            httpPort: 0,
            redisHost: redisHost,
            redisPort: redisPort,
            redisTimeout: .milliseconds(500)
        )
        var logger = Logger(label: "exercise-check")
        logger.logLevel = .critical
        let application = try buildWorkshopApplication(
            module: module,
            configuration: configuration,
            service: "workshop-app",
            registry: registry,
            logger: logger
        )
        return try await application.test(.router) { client in
            try await body(AppSession(client: client))
        }
    }

    func get(_ path: String) async throws -> Answer {
        try await client.execute(uri: path, method: .get) { response in
            Answer(status: Int(response.status.code), body: String(buffer: response.body))
        }
    }

    func post(_ path: String, json: String) async throws -> Answer {
        try await client.execute(
            uri: path,
            method: .post,
            headers: [.contentType: "application/json"],
            body: ByteBuffer(string: json)
        ) { response in
            Answer(status: Int(response.status.code), body: String(buffer: response.body))
        }
    }

    /// Scrapes `/metrics`; a body that does not parse is a problem worth reporting as such.
    func scrape() async throws -> [MetricFamily] {
        let answer = try await get("/metrics")
        guard answer.status == 200 else {
            throw ExerciseError("GET /metrics answered \(answer.summary)")
        }
        do {
            return try ExpositionParser.parse(answer.body)
        } catch {
            throw ExerciseError("the /metrics exposition does not parse: \(error.description)")
        }
    }
}
