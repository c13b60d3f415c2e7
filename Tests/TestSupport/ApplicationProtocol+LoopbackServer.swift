import Hummingbird
import ServiceLifecycle

extension ApplicationProtocol {
    /// Serves the application on 127.0.0.1 at a port the system chooses, runs `body` with a client for it,
    /// then shuts the application down gracefully (its services too) and waits for it to stop.
    ///
    /// Requests travel over real sockets through the application's own HTTP server, as in production.
    ///
    /// - Throws: what `body` throws, or `TestSupportError` when the application stops before listening.
    public func withLoopbackServer<Value: Sendable>(
        _ body: @Sendable (LoopbackClient) async throws -> Value
    ) async throws -> Value {
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = LoopbackApplication(base: self) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let serviceGroup = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [application], logger: application.logger)
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // A server that fails to start ends the wait for its port.
                defer { portContinuation.finish() }
                try await serviceGroup.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else {
                // Stopped before listening, or listening on no TCP port: either way, no test can run.
                await serviceGroup.triggerGracefulShutdown()
                try await group.waitForAll()
                throw TestSupportError("the application stopped before listening on 127.0.0.1")
            }
            let value: Value
            do {
                value = try await body(LoopbackClient(port: port))
            } catch {
                await serviceGroup.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
            await serviceGroup.triggerGracefulShutdown()
            try await group.waitForAll()
            return value
        }
    }
}
