import AppCore
import RedisClient
import Tracing

/// Exercise 11's answer: the lookup's Redis call is a client span named after the command, with
/// OpenTelemetry's database attributes. A `RedisError` thrown inside the span is Redis failing:
/// `withSpan` records it and sets the error status. A missing key is Redis answering: the lookup's 404
/// (an `AppError`) leaves the span as a value and is thrown after it, so the span stays ok.
public struct ItemLookupSpan: ItemLookup {
    /// The lookup whose Redis call the span covers.
    public let lookup: any ItemLookup

    /// Makes the traced lookup.
    public init(lookup: any ItemLookup) {
        self.lookup = lookup
    }

    /// The item stored under `key`, read inside a client span.
    public func item(forKey key: String, in redis: RedisClient) async throws -> Item {
        let answer: Result<Item, AppError> = try await withSpan("GET", ofKind: .client) { span in
            span.attributes["db.system.name"] = "redis"
            span.attributes["db.operation.name"] = "GET"
            span.attributes["server.address"] = redis.host
            span.attributes["server.port"] = redis.port
            do {
                return .success(try await lookup.item(forKey: key, in: redis))
            } catch let answer as AppError {
                return .failure(answer)
            }
        }
        return try answer.get()
    }
}
