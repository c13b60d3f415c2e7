/// Why an exercise cannot be checked at all (an unreadable manifest, an unknown exercise): distinct
/// from the problems a check finds in the student's work.
public struct ExerciseError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the file or exercise.
    public var message: String

    /// Makes an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
