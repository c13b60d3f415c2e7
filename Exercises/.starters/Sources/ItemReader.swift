import AppCore
import RedisClient

/// Exercise 02: finds the item `GET /items/{key}` answers with.
///
/// The key arrives percent-decoded and validated. Return the item, or throw a 404 so the app answers
/// `{"error": "..."}` with status 404.
public struct ItemReader: ItemLookup {
    /// Makes the lookup.
    public init() {}

    /// The item stored under `key`.
    public func item(forKey key: String, in redis: RedisClient) async throws -> Item {
        // TODO(02): read the value with `try await redis.get(key)` (nil when the key does not exist).
        // Return `Item(key: key, value: value)` when there is one; otherwise throw
        // `AppError.notFound("item '\(key)' not found")`. As shipped, every key "exists" with an empty value.
        return Item(key: key, value: "")
    }
}
