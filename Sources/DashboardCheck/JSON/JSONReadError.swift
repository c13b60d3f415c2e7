/// Why a document is not valid JSON, and where.
public struct JSONReadError: Error, Sendable, Equatable {
    /// What is wrong, in a sentence fragment (`expected ',' or '}' after an object member`).
    public var message: String
    /// The byte offset of the offending character.
    public var offset: Int
    /// The 1-based line of the offending character.
    public var line: Int
    /// The 1-based column (in characters) of the offending character.
    public var column: Int

    /// Makes an error.
    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }
}
