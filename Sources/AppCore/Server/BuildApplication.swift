import Foundation
import Hummingbird
import Logging
import NIOCore
import RedisClient
import ServiceLifecycle
import Tracing
import UnixSignals

/// The application type every app builds: Hummingbird's router-driven application over `AppRequestContext`.
public typealias AppApplication = Application<RouterResponder<AppRequestContext>>

/// Builds `redis-app`: the health check and the items API over Redis, with JSON errors.
///
/// The Redis client is a service of the application: it is shut down after the HTTP server.
///
/// - Parameter service: the name in the health answer and the `Server` header.
public func buildApplication(
    configuration: AppConfiguration,
    service: String = "redis-app",
    logger: Logger? = nil
) -> AppApplication {
    let logger = logger ?? makeLogger(service: service, configuration: configuration)
    let tracing = AppTracingSetup.make(configuration: configuration, service: service, logger: logger)
    let redis = makeRedisClient(configuration: configuration, logger: logger, tracer: tracing?.tracer)
    let router = makeRouter(middleware: AppTracingSetup.middleware(tracing), faults: configuration.faults)
    HealthController(service: service, redis: redis, faults: configuration.faults).addRoutes(to: router)
    ItemsController(redis: redis).addRoutes(to: router)
    return makeApplication(
        router: router,
        configuration: configuration,
        service: service,
        services: [redis] + (tracing.map { [$0.exporter] } ?? []),
        tracer: tracing?.tracer,
        logger: logger
    )
}

/// Builds `simple-app`: `GET /` only, with JSON errors; no Redis.
public func buildSimpleApplication(
    configuration: AppConfiguration,
    service: String = "simple-app",
    logger: Logger? = nil
) -> AppApplication {
    let logger = logger ?? makeLogger(service: service, configuration: configuration)
    let tracing = AppTracingSetup.make(configuration: configuration, service: service, logger: logger)
    let router = makeRouter(middleware: AppTracingSetup.middleware(tracing))
    HealthController(service: service, redis: nil).addRoutes(to: router)
    return makeApplication(
        router: router,
        configuration: configuration,
        service: service,
        services: tracing.map { [$0.exporter] } ?? [],
        tracer: tracing?.tracer,
        logger: logger
    )
}

/// Makes a router with no routes yet: `middleware` first (outermost, in order), then
/// `JSONErrorMiddleware`, so the given middleware sees every error as a JSON response with its final
/// status, and the route template of the request in `context.endpointPath`. HEAD is answered for
/// every GET route.
///
/// Add routes afterwards (controllers' `addRoutes(to:)`, or your own such as `/metrics`).
///
/// When `faults` has any fault on, `FaultInjectionMiddleware` comes last (innermost), so the given
/// middleware sees injected delays and errors as real ones.
public func makeRouter(
    middleware: [any MiddlewareProtocol<Request, Response, AppRequestContext>] = [],
    faults: FaultConfiguration = .none
) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    for item in middleware {
        router.add(middleware: item)
    }
    router.add(middleware: JSONErrorMiddleware<AppRequestContext>())
    if faults.isActive {
        router.add(middleware: FaultInjectionMiddleware<AppRequestContext>(faults: faults))
    }
    return router
}

/// Makes the Redis client of `configuration` (host, port, timeout), logging to `logger`, with a client
/// span for every command when `tracer` is given.
public func makeRedisClient(
    configuration: AppConfiguration,
    logger: Logger,
    observer: (any RedisCommandObserver)? = nil,
    tracer: (any Tracer)? = nil
) -> RedisClient {
    RedisClient(
        host: configuration.redisHost,
        port: configuration.redisPort,
        timeout: configuration.redisTimeout,
        logger: logger,
        observer: observer,
        tracer: tracer
    )
}

/// Makes the application serving `router` on `configuration`'s host and port, running `services`
/// (such as the Redis client) alongside the server and shutting them down after it. With `tracer`,
/// every connection's requests are answered with it current (`withTracer`).
public func makeApplication(
    router: Router<AppRequestContext>,
    configuration: AppConfiguration,
    service: String,
    services: [any Service] = [],
    tracer: (any Tracer)? = nil,
    logger: Logger,
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) -> AppApplication {
    if configuration.faults.isActive {
        logger.notice("fault injection is on", metadata: ["faults": "\(configuration.faults.json)"])
    }
    return Application(
        router: router,
        // Requests already on their way when a graceful shutdown starts are answered, not reset, and
        // requests the HTTP parser refuses get JSON errors like every other error.
        server: .http1WithJSONErrors(
            configuration: .init(additionalChannelHandlers: [QuiesceGraceHandler()]),
            tracer: tracer
        ),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.httpHost, port: configuration.httpPort),
            serverName: service,
            // Closed first on shutdown by runApplication's ListenerDrainService.
            availableConnectionsDelegate: AcceptGate()
        ),
        services: services,
        onServerRunning: onServerRunning,
        logger: logger
    )
}

/// Makes the app's logger, labelled `service`, at `configuration.logLevel`, writing to standard error in
/// `configuration.logFormat`: one JSON object per line (``JSONLogHandler``) or text (``AppLogHandler``);
/// without a format, text when standard error is a terminal and JSON otherwise (a container, a file, a
/// log shipper). Lines written while a request is traced carry its `trace_id` and `span_id`.
public func makeLogger(service: String, configuration: AppConfiguration) -> Logger {
    let format = configuration.logFormat ?? (isatty(2) == 1 ? .text : .json)
    var logger: Logger
    switch format {
    case .json:
        logger = Logger(label: service) { _ in JSONLogHandler(service: service, metadataProvider: .traceIDs) }
    case .text:
        logger = Logger(label: service) { label in
            var handler = AppLogHandler(label: label)
            handler.metadataProvider = .traceIDs
            return handler
        }
    }
    logger.logLevel = configuration.logLevel
    return logger
}

/// Runs `application` until SIGTERM or SIGINT, then shuts it down gracefully and exits 0. When it
/// cannot run (the port is taken, for instance), prints why on standard error and exits 1.
///
/// Graceful shutdown: the server stops accepting connections (``ListenerDrainService``), answers the requests in flight and
/// those that arrive within half a second on connections already open (`Connection: close`), closes
/// the connections, then the application's services (the Redis client) shut down. It is bounded by
/// `shutdownTimeout`, after which what is left is cancelled.
public func runApplication(
    _ application: some ApplicationProtocol,
    name: String,
    shutdownTimeout: Duration = .seconds(10)
) async -> Never {
    var services: [any Service] = [application]
    // Last in the group, so shut down first: no accept is under way when the listener closes.
    if let gate = application.configuration.availableConnectionsDelegate as? AcceptGate {
        services.append(ListenerDrainService(gate: gate, eventLoopGroup: application.eventLoopGroup))
    }
    var configuration = ServiceGroupConfiguration(
        services: services,
        gracefulShutdownSignals: [.sigterm, .sigint],
        logger: application.logger
    )
    configuration.maximumGracefulShutdownDuration = shutdownTimeout
    do {
        try await ServiceGroup(configuration: configuration).run()
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
        exit(1)
    }
}
