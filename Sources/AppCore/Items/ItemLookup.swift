import RedisClient

/// Finds the item `GET /items/{key}` answers with (exercise 02).
///
/// `ItemsController` percent-decodes and validates the key first, and tells its `ItemLookupObserver`
/// the outcome: found when this returns, missing when it throws an `AppError` with status 404.
public protocol ItemLookup: Sendable {
    /// The item stored under `key`; throws `AppError.notFound` when there is none, and lets Redis's
    /// errors through (the app answers them with 503 or 502).
    func item(forKey key: String, in redis: RedisClient) async throws -> Item
}
