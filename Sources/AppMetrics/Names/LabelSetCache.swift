import NIOConcurrencyHelpers

/// Keeps the metric objects made for each label set, so a request finds its counter with one dictionary lookup
/// instead of asking the registry (which locks, validates and builds labels) every time.
public final class LabelSetCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    // Inlinable, so that each module using the cache gets it compiled for its own key and value types:
    // called generically across modules, every lookup asked the runtime for the dictionary's type first.
    @usableFromInline let storage = NIOLockedValueBox<[Key: Value]>([:])

    /// Creates an empty cache.
    public init() {}

    /// Returns the value stored for `key`, making and storing it with `make` the first time.
    @inlinable
    public func value(for key: Key, orMake make: () -> Value) -> Value {
        storage.withLockedValue { storage in
            if let value = storage[key] { return value }
            let value = make()
            storage[key] = value
            return value
        }
    }

    /// The number of label sets stored.
    public var count: Int { storage.withLockedValue { $0.count } }
}
