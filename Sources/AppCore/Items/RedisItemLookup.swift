import RedisClient

/// The item lookup every app uses (and the reference answer to exercise 02): `GET key`, and a 404
/// when Redis has no such key.
public struct RedisItemLookup: ItemLookup {
    /// Makes the lookup.
    public init() {}

    /// Reads `key` with `GET`.
    public func item(forKey key: String, in redis: RedisClient) async throws -> Item {
        guard let value = try await redis.get(key) else {
            throw AppError.notFound("item '\(key)' not found")
        }
        return Item(key: key, value: value)
    }
}
