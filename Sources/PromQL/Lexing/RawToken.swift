/// A token as the parser reads it: its kind and byte range, without a copy of its text.
///
/// The parser makes a `String` only for the few tokens whose text ends up in the tree (names, labels);
/// `Lexer.next()` turns these into public `Token`s for everyone else.
struct RawToken: Sendable {
    /// What kind of item this is.
    var kind: TokenKind
    /// The byte offset of the first character.
    var offset: Int
    /// The byte offset just past the last character.
    var end: Int
}
