/// One page of a cursor-based `SCAN`: the keys it returned and the cursor to continue from.
public struct RedisScanPage: Sendable, Equatable {
    /// The cursor for the next call; 0 when the iteration is complete.
    public var cursor: UInt64
    /// The keys of this page. A full iteration may return a key more than once.
    public var keys: [String]

    /// Makes a page.
    public init(cursor: UInt64, keys: [String]) {
        self.cursor = cursor
        self.keys = keys
    }
}
