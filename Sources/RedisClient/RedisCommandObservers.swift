/// Tells several observers about every command, in order: the metrics and the command log, for one client.
public struct RedisCommandObservers: RedisCommandObserver {
    /// The observers told.
    public let observers: [any RedisCommandObserver]

    /// Makes an observer telling each of `observers`.
    public init(_ observers: [any RedisCommandObserver]) {
        self.observers = observers
    }

    /// Tells each observer.
    public func commandFinished(_ command: String, duration: Duration, error: RedisError?) {
        for observer in observers {
            observer.commandFinished(command, duration: duration, error: error)
        }
    }
}
