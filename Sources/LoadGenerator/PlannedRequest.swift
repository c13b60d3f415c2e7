/// One request of the mix, ready to be written on a connection.
public struct PlannedRequest: Sendable, Equatable {
    /// What the request exercises.
    public var kind: RequestKind
    /// The HTTP method.
    public var method: String
    /// The path and query, without the target's base path.
    public var path: String
    /// The JSON body, if any.
    public var body: String?
    /// The key this request stores, for a write: later hits read it back.
    public var writtenKey: String?

    /// Makes a request.
    public init(kind: RequestKind, method: String, path: String, body: String? = nil, writtenKey: String? = nil) {
        self.kind = kind
        self.method = method
        self.path = path
        self.body = body
        self.writtenKey = writtenKey
    }
}
