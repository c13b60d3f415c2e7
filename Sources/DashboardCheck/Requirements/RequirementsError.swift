/// Why a `requirements.json` cannot be used, and where.
public struct RequirementsError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What is wrong.
    public var message: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column.
    public var column: Int

    /// Makes an error.
    public init(path: String, message: String, line: Int, column: Int) {
        self.path = path
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column): \(message)" }
}
