import Hummingbird

/// Serves an application's exposition on `GET /metrics`, for Prometheus to scrape.
public struct MetricsController<Context: RequestContext>: Sendable {
    /// What the route serves.
    public let exporter: MetricsExporter
    /// The route's path.
    public let path: RouterPath

    /// Creates the controller.
    public init(exporter: MetricsExporter, path: RouterPath = "/metrics") {
        self.exporter = exporter
        self.path = path
    }

    /// Adds `GET /metrics` to `router`.
    public func addRoutes(to router: Router<Context>) {
        let exporter = self.exporter
        router.get(path) { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: MetricsExporter.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: exporter.render()))
            )
        }
    }
}
