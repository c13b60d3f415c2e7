import AppCore
import RedisClient
import Tracing

/// Exercise 11: the item lookup's Redis call as a client span, so that a trace shows how long Redis took
/// inside the request and whether it failed.
public struct ItemLookupSpan: ItemLookup {
    /// The lookup whose Redis call the span covers (exercise 02's).
    public let lookup: any ItemLookup

    /// Makes the traced lookup.
    public init(lookup: any ItemLookup) {
        self.lookup = lookup
    }

    /// The item stored under `key`, read inside a client span.
    public func item(forKey key: String, in redis: RedisClient) async throws -> Item {
        // TODO(11): wrap the call in `try await withSpan("GET", ofKind: .client) { span in ... }` and give the
        // span OpenTelemetry's attributes: "db.system.name" = "redis", "db.operation.name" = "GET",
        // "server.address" = redis.host, "server.port" = redis.port. When the call throws a RedisError, the
        // span's status must be an error; a missing key (the lookup's 404, an AppError) is Redis's answer,
        // not its failure, and must leave the status alone. As shipped, there is no span.
        try await lookup.item(forKey: key, in: redis)
    }
}
