/// Watches item lookups, for the cache hit and miss metrics.
///
/// `ItemsController` calls `lookupFinished` once per `GET /items/{key}` whose `GET` reached Redis and
/// was answered (not when the request was refused or Redis failed).
public protocol ItemLookupObserver: Sendable {
    /// Called once per answered lookup: `found` is true when the key existed.
    func lookupFinished(found: Bool)
}
