import AppMetrics
import Exposition
import Hummingbird
import Prometheus
import Solutions
import TestSupport

/// A small router for one test: its own registry, the metrics middleware with the reference recorder,
/// `/metrics`, and the routes the test adds.
struct MeteredRouter {
    let registry = PrometheusCollectorRegistry()
    let summaries: SummaryRegistry
    let exporter: MetricsExporter
    let router = Router()

    init(addRoutes: (Router<BasicRequestContext>) -> Void) throws {
        summaries = SummaryRegistry(alongside: registry)
        let metrics = try RequestMetrics(registry: registry, summaries: summaries)
        exporter = MetricsExporter(registry: registry, summaries: summaries)
        router.add(middleware: HTTPMetricsMiddleware(recorder: metrics))
        MetricsController(exporter: exporter).addRoutes(to: router)
        addRoutes(router)
    }

    /// The application to test.
    var application: some ApplicationProtocol {
        Application(router: router)
    }

    /// Scrapes `/metrics` through `client` and parses the body.
    static func scrape(_ client: LoopbackClient) async throws -> [MetricFamily] {
        let body = try await client.execute(uri: "/metrics", method: .get) { response in
            String(buffer: response.body)
        }
        return try ExpositionParser.parse(body)
    }
}
