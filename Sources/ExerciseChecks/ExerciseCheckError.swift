/// Why a check could not go on: the app did not start, did not answer, or answered something that
/// cannot be read.
struct ExerciseCheckError: Error, CustomStringConvertible {
    /// What happened, in words.
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
