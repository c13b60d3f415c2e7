import Foundation

/// One slide of the deck: its Markdown and its speaker notes.
struct Slide: Sendable {
    /// The 1-based line of the deck file where the slide starts.
    var line: Int
    /// What the audience sees.
    var content: String
    /// What the presenter reads, after the `Note:` line; nil when the slide has none.
    var notes: String?

    /// The first heading of the slide, without its `#` marks.
    var heading: String? {
        for line in content.split(separator: "\n") where line.hasPrefix("#") {
            return line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
