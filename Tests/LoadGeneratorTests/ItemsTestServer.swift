import Foundation
import Hummingbird
import NIOCore
import Synchronization
import TestSupport

/// A small items API in memory, served over real HTTP on a loopback port, for loadgen's own
/// mechanics: it answers like the Redis app (201 on a write, 404 on a missing key, 400 on a bad
/// body) and counts every request it receives.
struct ItemsTestServer {
    /// What the server received.
    final class Tally: Sendable {
        private let state = Mutex<(requests: Int, items: [String: String])>((0, [:]))

        var requests: Int { state.withLock { $0.requests } }
        var storedKeys: Int { state.withLock { $0.items.count } }

        func count() { state.withLock { $0.requests += 1 } }
        func store(_ key: String, _ value: String) { state.withLock { $0.items[key] = value } }
        func value(for key: String) -> String? { state.withLock { $0.items[key] } }
    }

    private struct Item: Codable, ResponseEncodable {
        var key: String
        var value: String
    }

    private struct ItemList: Codable, ResponseEncodable {
        var count: Int
    }

    /// Counts every request, whatever route it ends on.
    private struct CountingMiddleware: RouterMiddleware {
        typealias Context = BasicRequestContext
        let tally: Tally

        func handle(
            _ request: Request,
            context: Context,
            next: (Request, Context) async throws -> Response
        ) async throws -> Response {
            tally.count()
            return try await next(request, context)
        }
    }

    /// Runs the server on a free loopback port for the duration of `body`, which gets the port and the tally.
    static func withRunning<Value: Sendable>(
        _ body: @Sendable (_ port: Int, _ tally: Tally) async throws -> Value
    ) async throws -> Value {
        let tally = Tally()
        let router = Router()
        router.add(middleware: CountingMiddleware(tally: tally))
        router.get("/") { _, _ in
            #"{"status":"ok","service":"items-test-server"}"#
        }
        router.get("/items") { _, _ in
            ItemList(count: tally.storedKeys)
        }
        router.get("/items/{key}") { _, context -> Item in
            let key = try context.parameters.require("key")
            guard let value = tally.value(for: key) else {
                throw HTTPError(.notFound, message: "item '\(key)' not found")
            }
            return Item(key: key, value: value)
        }
        router.post("/items") { request, context -> EditedResponse<Item> in
            let item = try await request.decode(as: Item.self, context: context)
            guard (1...512).contains(item.key.utf8.count) else {
                throw HTTPError(.badRequest, message: "key must be 1 to 512 bytes")
            }
            tally.store(item.key, item.value)
            return EditedResponse(status: .created, response: item)
        }
        let app = Application(router: router)
        return try await app.withLoopbackServer { client in
            try await body(client.port, tally)
        }
    }
}
