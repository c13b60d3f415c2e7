import Hummingbird

/// Items sorted by key, answered as `{"items": [...], "count": N}`.
public struct ItemList: Sendable, Equatable, ResponseGenerator {
    /// The items, sorted by key.
    public var items: [Item]

    /// Makes a list.
    public init(items: [Item]) {
        self.items = items
    }

    /// `200` with `{"items":[{"key":...,"value":...},...],"count":N}`.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var json = "{\"items\":["
        for (index, item) in items.enumerated() {
            if index > 0 { json += "," }
            json += item.json
        }
        json += "],\"count\":\(items.count)}"
        return Response.json(json)
    }
}
