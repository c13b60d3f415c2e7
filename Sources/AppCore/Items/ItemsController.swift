import Foundation
import Hummingbird
import RedisClient

/// The items API over Redis: `POST /items`, `GET /items/{key}`, `GET /items`.
///
/// Errors are `AppError`s: 400 for a bad body or parameter, 404 for a missing item, 415 for a body
/// not sent as `Content-Type: application/json`, 503 when Redis is unreachable or too slow (the
/// message names its address).
public struct ItemsController: Sendable {
    /// The default number of items `GET /items` returns.
    public static let defaultLimit = 1000
    /// The most items `GET /items` returns (`?limit=` above it is refused).
    public static let maxLimit = 10_000

    /// The Redis client the items live in.
    public let redis: RedisClient
    /// Finds the item of `GET /items/{key}` (exercise 02); `RedisItemLookup` unless an app passes its own.
    public let lookup: any ItemLookup
    /// Told about each answered `GET /items/{key}`, for the hit and miss metrics.
    public let lookupObserver: (any ItemLookupObserver)?

    /// Makes the controller.
    public init(
        redis: RedisClient,
        lookup: any ItemLookup = RedisItemLookup(),
        lookupObserver: (any ItemLookupObserver)? = nil
    ) {
        self.redis = redis
        self.lookup = lookup
        self.lookupObserver = lookupObserver
    }

    /// Adds the routes, with their templates (`/items/{key}`), and 405 for other methods.
    public func addRoutes(to router: Router<some RequestContext>) {
        // slide:items-routes
        router.post("/items") { request, context in
            try await create(request: request, context: context)
        }
        router.get("/items") { request, _ in
            try await list(limit: request.uri.queryParameters["limit"].map(String.init))
        }
        router.get("/items/{key}") { _, context in
            try await read(escapedKey: context.parameters.get("key"))
        }
        // end-slide
        router.rejectOtherMethods(on: "/items", allowing: [.get, .post])
        router.rejectOtherMethods(on: "/items/{key}", allowing: [.get])
    }

    /// `POST /items`: validates `{"key": ..., "value": ...}`, stores it with `SET`, answers 201 with the item.
    func create(request: Request, context: some RequestContext) async throws -> EditedResponse<Item> {
        let contentType = request.headers[.contentType]
        guard let contentType, Self.isJSON(contentType: contentType) else {
            throw AppError.unsupportedMediaType(contentType)
        }
        let input: NewItem
        do {
            input = try await JSONDecoder().decode(NewItem.self, from: request, context: context)
        } catch let error as AppError {
            throw error
        } catch is DecodingError {
            throw AppError.badRequest("request body is not valid JSON")
        }
        let item = Item(key: input.key, value: input.value)
        try Self.validate(key: item.key)
        let valueBytes = item.value.utf8.count
        guard valueBytes <= Item.maxValueBytes else {
            throw AppError.badRequest(
                "field \"value\" is \(valueBytes) bytes; the limit is \(Item.maxValueBytes) bytes (64 KiB)"
            )
        }
        try await redis.set(item.key, item.value)
        return EditedResponse(status: .created, response: item)
    }

    /// `GET /items/{key}`: the key is percent-decoded (`a%20b%2Fc` is `a b/c`); 404 when it is missing.
    func read(escapedKey: String?) async throws -> Item {
        guard let escapedKey, let key = escapedKey.percentDecoded else {
            throw AppError.badRequest(
                "the key in the path is not valid percent-encoded UTF-8: '\(escapedKey ?? "")'"
            )
        }
        try Self.validate(key: key)
        let item: Item
        do {
            item = try await lookup.item(forKey: key, in: redis)
        } catch let error as AppError where error.status == .notFound {
            lookupObserver?.lookupFinished(found: false)
            throw error
        }
        lookupObserver?.lookupFinished(found: true)
        return item
    }

    /// `GET /items`: the first `limit` string keys in key order, with their values, found with
    /// `SCAN ... TYPE string` over the whole key space (never KEYS) and read with MGET.
    func list(limit limitText: String?) async throws -> ItemList {
        var limit = Self.defaultLimit
        if let limitText {
            guard let parsed = Int(limitText), (1...Self.maxLimit).contains(parsed) else {
                throw AppError.badRequest(
                    "limit must be a whole number from 1 to \(Self.maxLimit), got '\(limitText)'"
                )
            }
            limit = parsed
        }
        // Keep only the `limit` smallest keys while scanning, so memory stays bounded.
        var keys = Set<String>()
        var cursor: UInt64 = 0
        repeat {
            let page = try await redis.scan(cursor: cursor, count: 1000, type: "string")
            keys.formUnion(page.keys)
            if keys.count > 2 * limit {
                keys = Set(keys.sorted().prefix(limit))
            }
            cursor = page.cursor
        } while cursor != 0
        let chosen = Array(keys.sorted().prefix(limit))
        var items: [Item] = []
        items.reserveCapacity(chosen.count)
        var start = 0
        while start < chosen.count {
            let chunk = Array(chosen[start..<min(start + 1000, chosen.count)])
            let values = try await redis.mget(chunk)
            for (key, value) in zip(chunk, values) {
                // A key deleted since the SCAN has no value any more.
                if let value { items.append(Item(key: key, value: value)) }
            }
            start += chunk.count
        }
        return ItemList(items: items)
    }

    /// Whether a `Content-Type` value names JSON: the media type `application/json`, in any case,
    /// with or without parameters such as `charset=utf-8` (RFC 9110, section 8.3.1).
    static func isJSON(contentType: String) -> Bool {
        let mediaType = contentType.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces)
        return mediaType.lowercased() == "application/json"
    }

    static func validate(key: String) throws(AppError) {
        let bytes = key.utf8.count
        guard bytes >= 1 else {
            throw AppError.badRequest("field \"key\" must not be empty")
        }
        guard bytes <= Item.maxKeyBytes else {
            throw AppError.badRequest("key is \(bytes) bytes; the limit is \(Item.maxKeyBytes) bytes")
        }
    }
}
