/// An error that stops a load run before it starts, with a message a person can act on.
public struct LoadGeneratorError: Error, CustomStringConvertible, Equatable {
    /// What went wrong, naming the offending value.
    public var description: String

    /// Makes an error with `description` as its message.
    public init(_ description: String) {
        self.description = description
    }
}
