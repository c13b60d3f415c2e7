import NIOCore
import ServiceLifecycle

/// The first step of a graceful shutdown: stop accepting connections, and let every connection
/// already accepted reach the server before its listening socket closes.
///
/// Run it after the application in the same `ServiceGroup`: the group shuts its services down in
/// reverse order, so this one ends before the application's own shutdown closes the listener.
/// Closing the listener while a connection is between its accept and its hand-over to the server
/// drops that connection's async channel unfinished, and NIO stops the process on that
/// ("Deinited NIOAsyncWriter without calling finish()"). Closing the `gate` stops the accepts; a
/// few rounds through every event loop then finish the hand-overs already under way (accept on the
/// server's loop, set-up on the connection's loop, hand-over on the server's loop again).
public struct ListenerDrainService: Service {
    /// The gate the server consults before each accept.
    public let gate: AcceptGate
    /// The event loops the server and its connections run on.
    public let eventLoopGroup: any EventLoopGroup

    /// Makes the service for a server that accepts through `gate` on `eventLoopGroup`.
    public init(gate: AcceptGate, eventLoopGroup: any EventLoopGroup) {
        self.gate = gate
        self.eventLoopGroup = eventLoopGroup
    }

    /// Waits for the graceful shutdown, then closes the gate and lets the hand-overs finish.
    public func run() async throws {
        try? await gracefulShutdown()
        gate.close()
        for _ in 0..<4 {
            for loop in eventLoopGroup.makeIterator() {
                try? await loop.submit {}.get()
            }
        }
    }
}
