import AppCore
import Hummingbird
import TestSupport
import Testing

@Suite("Every error is {\"error\": ...} with the right status")
struct ErrorResponseTests {
    @Test(
        "an unknown route answers 404 naming the method and path",
        arguments: ["/nope", "/items/a/b", "/metrics"]
    )
    func unknownRoute(path: String) async throws {
        let app = buildSimpleApplication(
            configuration: TestApps.configuration(redis: nil),
            logger: TestApps.quietLogger
        )
        try await app.withLoopbackServer { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .notFound)
            #expect(response.text == #"{"error":"no route for GET \#(path)"}"#)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
        }
    }

    @Test(
        "a known route with a wrong method answers 405 with the allowed methods",
        arguments: [
            (HTTPRequest.Method.delete, "/items/k", "GET, HEAD"),
            (.post, "/items/k", "GET, HEAD"),
            (.put, "/items", "GET, POST, HEAD"),
            (.patch, "/items", "GET, POST, HEAD"),
            (.post, "/", "GET, HEAD"),
            (.delete, "/", "GET, HEAD"),
        ]
    )
    func wrongMethod(method: HTTPRequest.Method, path: String, allowed: String) async throws {
        try await RedisServer.with { redis in
            try await TestApps.redisApp(redis).withLoopbackServer { client in
                let response = try await client.execute(uri: path, method: method)
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == allowed)
                #expect(
                    response.text
                        == #"{"error":"method \#(method.rawValue) is not allowed on \#(path); allowed: \#(allowed)"}"#
                )
            }
        }
    }

    @Test(
        "a middleware given to makeRouter sees the route template and every error as a final response"
    )
    func middlewareSeesTemplatesAndStatuses() async throws {
        try await RedisServer.with { redis in
            let recorder = RouteRecorder()
            let configuration = TestApps.configuration(redis: redis)
            let client = makeRedisClient(configuration: configuration, logger: TestApps.quietLogger)
            let router = makeRouter(middleware: [RecordingMiddleware(recorder: recorder)])
            HealthController(service: "test", redis: client).addRoutes(to: router)
            ItemsController(redis: client).addRoutes(to: router)
            router.get("/metrics") { _, _ in "metrics\n" }
            let app = makeApplication(
                router: router,
                configuration: configuration,
                service: "test",
                services: [client],
                logger: TestApps.quietLogger
            )
            try await app.withLoopbackServer { client in
                _ = try await client.execute(uri: "/", method: .get)
                _ = try await client.execute(uri: "/items/a%20b", method: .get)
                _ = try await client.execute(uri: "/items", method: .put)
                _ = try await client.execute(uri: "/items", method: .post, headers: .json, body: "{".buffer)
                _ = try await client.execute(uri: "/nope", method: .get)
                _ = try await client.execute(uri: "/metrics", method: .get)
            }
            #expect(
                recorder.entries == [
                    "GET / 200", "GET /items/{key} 404", "PUT /items 405", "POST /items 400",
                    "GET NotFound 404",
                    "GET /metrics 200",
                ]
            )
        }
    }
}

/// Records `method template status` for every request it passes on.
struct RecordingMiddleware<Context: RequestContext>: RouterMiddleware {
    let recorder: RouteRecorder

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let response = try await next(request, context)
        recorder.record(
            "\(request.method.rawValue) \(context.endpointPath ?? "-") \(response.status.code)"
        )
        return response
    }
}
