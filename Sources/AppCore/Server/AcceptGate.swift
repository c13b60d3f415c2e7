import Foundation
import HummingbirdCore

/// Decides whether the server accepts new connections: yes until `close()`, then never again.
///
/// Given to the server as its `availableConnectionsDelegate`, it lets a graceful shutdown stop
/// accepting before the listening socket closes (see ``ListenerDrainService``).
public final class AcceptGate: AvailableConnectionsDelegate, @unchecked Sendable {
    // `isOpen` is read on the server's event loop and written from the shutdown task: the lock
    // makes that sound, hence the unchecked `Sendable`.
    private let lock = NSLock()
    private var isOpen = true

    /// Makes an open gate.
    public init() {}

    /// Stops accepting new connections, for good.
    public func close() {
        lock.withLock { isOpen = false }
    }

    /// Whether the server may accept another connection.
    public func isAcceptingNewConnections() -> Bool {
        lock.withLock { isOpen }
    }

    /// Nothing to count: the gate only opens or closes.
    public func connectionOpened() {}

    /// Nothing to count: the gate only opens or closes.
    public func connectionClosed() {}
}
