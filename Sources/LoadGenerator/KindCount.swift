/// What happened to the requests of one kind.
public struct KindCount: Sendable, Codable, Equatable {
    /// Requests of this kind written on a connection.
    public var sent: Int
    /// Responses with a status this kind does not expect (see `RequestKind.expects(_:)`).
    public var unexpected: Int

    /// Makes a count.
    public init(sent: Int = 0, unexpected: Int = 0) {
        self.sent = sent
        self.unexpected = unexpected
    }
}
