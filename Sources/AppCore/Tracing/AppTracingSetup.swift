import AppTracing
import Hummingbird
import Logging
import ServiceLifecycle
import Tracing

/// What an app traces with: the tracer and, when `OTEL_EXPORTER_OTLP_ENDPOINT` is set, the exporter
/// that sends its spans (a service of the application).
public struct AppTracingSetup: Sendable {
    /// The application's tracer.
    public var tracer: OTLPTracer
    /// The exporter, a service to run alongside the server.
    public var exporter: OTLPHTTPExporter

    /// The tracer and exporter for `configuration`, or nil when no endpoint is set: then the app makes
    /// no span at all and pays nothing for tracing.
    ///
    /// - Parameter onDrop: told about every span dropped (queue full or not accepted), for `/metrics`.
    public static func make(
        configuration: AppConfiguration,
        service: String,
        logger: Logger,
        onDrop: @escaping @Sendable (_ count: Int, _ reason: OTLPHTTPExporter.DropReason) -> Void = { _, _ in }
    ) -> AppTracingSetup? {
        guard let endpoint = configuration.otlpEndpoint else { return nil }
        let exporter = OTLPHTTPExporter(endpoint: endpoint, serviceName: service, logger: logger, onDrop: onDrop)
        return AppTracingSetup(tracer: OTLPTracer(processor: exporter), exporter: exporter)
    }

    /// The middleware that traces and logs requests, outermost first: the server span, then the
    /// request's log line inside it.
    public static func middleware(
        _ setup: AppTracingSetup?
    ) -> [any MiddlewareProtocol<Request, Response, AppRequestContext>] {
        var middleware: [any MiddlewareProtocol<Request, Response, AppRequestContext>] = []
        if let setup { middleware.append(ServerSpanMiddleware<AppRequestContext>(tracer: setup.tracer)) }
        middleware.append(RequestLogMiddleware<AppRequestContext>())
        return middleware
    }
}
