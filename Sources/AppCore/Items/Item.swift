import AppTracing
import Hummingbird

/// A stored key/value pair, answered as `{"key": "...", "value": "..."}`.
public struct Item: Sendable, Equatable, ResponseGenerator {
    /// The longest key, in UTF-8 bytes.
    public static let maxKeyBytes = 512
    /// The longest value, in UTF-8 bytes (64 KiB).
    public static let maxValueBytes = 64 * 1024

    /// The Redis key.
    public var key: String
    /// The string stored at the key.
    public var value: String

    /// Makes an item.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// The item as a JSON object, keys in the order `key`, `value`.
    public var json: String {
        "{\"key\":\(key.jsonQuoted),\"value\":\(value.jsonQuoted)}"
    }

    /// `200` with the item as JSON.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response.json(json)
    }
}
