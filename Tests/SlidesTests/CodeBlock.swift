/// A fenced code block of the deck.
struct CodeBlock: Sendable {
    /// The fence's info string, for example `swift [1|2-4]`.
    var info: String
    /// The 1-based line of the opening fence in the deck file.
    var line: Int
    /// The lines between the fences, joined with newlines.
    var content: String
    /// The `<!-- source: PATH#REGION -->` line right above the fence, when there is one.
    var source: SourceReference?
    /// The exercise whose answer the block gives (`07`), from an `<!-- answer: 07 -->` line right above the fence.
    var answer: String?

    /// The language: the info string's first word (`swift`, `sh`, `yaml`...).
    var language: String {
        String(info.split(separator: " ").first ?? "")
    }

    /// Whether the block holds shell commands.
    var isShell: Bool {
        ["sh", "bash", "shell", "console", "zsh"].contains(language)
    }
}

/// Names the marked region of a file that a code block is taken from.
struct SourceReference: Sendable, Hashable {
    /// The file, relative to the package root.
    var path: String
    /// The region's name, as in `// slide:NAME`.
    var region: String
}
