/// A problem the slide checks found, worded for the person who edits the deck or the code.
struct SlideCheckError: Error, CustomStringConvertible {
    /// What is wrong, with the file and line it concerns.
    var description: String

    init(_ description: String) { self.description = description }
}
