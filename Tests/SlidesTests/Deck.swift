import Foundation
import TestSupport

/// The workshop deck read the way reveal-md and reveal.js read it.
///
/// reveal.js's markdown plugin splits the text on a line `---` between two empty lines and does
/// not know about code fences; `slides` splits the same way but skips fenced code, as a reader
/// would. The two counts differ exactly when a code block holds a stray separator.
struct Deck: Sendable {
    /// The deck's path, relative to the package root.
    var path: String
    /// The YAML front matter's top-level keys and their raw values (empty for nested mappings).
    var frontMatter: [String: String]
    /// The slides, fence-aware.
    var slides: [Slide]
    /// How many slides reveal.js makes of the text (separators counted even inside code fences).
    var revealSlideCount: Int
    /// Every fenced code block, in order.
    var codeBlocks: [CodeBlock]

    /// The marker line that names a code block's source: `<!-- source: PATH#REGION -->`.
    static var sourcePattern: Regex<(Substring, path: Substring, region: Substring)> {
        /^<!--\s*source:\s*(?<path>[^#\s]+)#(?<region>[A-Za-z0-9_.-]+)\s*-->$/
    }
    /// reveal.js's default notes separator as reveal-md passes it (a line starting with `Note:`).
    static var notesPattern: Regex<Substring> { /^\s*Note:/ }

    /// Reads the deck at `relativePath` under the package root.
    static func load(_ relativePath: String) throws -> Deck {
        try Deck(path: relativePath, text: Repository.text(relativePath))
    }

    /// Parses `text`; `path` is used in messages only.
    init(path: String, text: String) throws {
        self.path = path
        var lines = text.components(separatedBy: "\n")
        var frontMatter: [String: String] = [:]
        var offset = 0
        if lines.first == "---" {
            guard let end = lines.dropFirst().firstIndex(of: "---") else {
                throw SlideCheckError("\(path):1: the front matter has no closing ---")
            }
            for line in lines[1..<end] where !line.hasPrefix(" ") && line.contains(":") {
                let parts = line.split(separator: ":", maxSplits: 1)
                frontMatter[String(parts[0])] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            }
            offset = end + 1
            lines = Array(lines[offset...])
        }
        self.frontMatter = frontMatter

        var slides: [Slide] = []
        var blocks: [CodeBlock] = []
        var revealSeparators = 0
        var current: [String] = []
        var currentStart = offset + 1
        var fence: String?
        var block: CodeBlock?
        var blockLines: [String] = []

        func isSeparator(_ index: Int) -> Bool {
            lines[index] == "---" && index > 0 && lines[index - 1].isEmpty && index + 1 < lines.count
                && lines[index + 1].isEmpty
        }
        func closeSlide() {
            var content: [String] = []
            var notes: [String]?
            for line in current {
                if notes == nil, line.contains(Deck.notesPattern) {
                    notes = [line.replacing(Deck.notesPattern, with: "")]
                } else if notes != nil {
                    notes?.append(line)
                } else {
                    content.append(line)
                }
            }
            slides.append(
                Slide(
                    line: currentStart,
                    content: content.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines),
                    notes: notes.map { $0.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) }
                )
            )
        }

        for (index, line) in lines.enumerated() {
            let lineNumber = offset + index + 1
            if isSeparator(index) { revealSeparators += 1 }
            if let open = fence {
                if line.trimmingCharacters(in: .whitespaces) == open {
                    if var finished = block {
                        finished.content = blockLines.joined(separator: "\n")
                        blocks.append(finished)
                    }
                    fence = nil
                    block = nil
                } else {
                    blockLines.append(line)
                }
                current.append(line)
                continue
            }
            if let match = line.firstMatch(of: /^(?<fence>```+|~~~+)\s*(?<info>.*)$/) {
                fence = String(match.output.fence)
                let previous = current.last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
                var source: SourceReference?
                if let previous,
                    let reference = previous.trimmingCharacters(in: .whitespaces)
                        .wholeMatch(of: Deck.sourcePattern)
                {
                    source = SourceReference(
                        path: String(reference.output.path),
                        region: String(reference.output.region)
                    )
                }
                let answer = previous?.trimmingCharacters(in: .whitespaces)
                    .wholeMatch(of: /<!--\s*answer:\s*(?<exercise>\d\d)\s*-->/).map { String($0.output.exercise) }
                block = CodeBlock(
                    info: String(match.output.info),
                    line: lineNumber,
                    content: "",
                    source: source,
                    answer: answer
                )
                blockLines = []
                current.append(line)
                continue
            }
            if isSeparator(index) {
                closeSlide()
                current = []
                currentStart = lineNumber + 1
                continue
            }
            current.append(line)
        }
        if fence != nil {
            throw SlideCheckError("\(path): a code fence opened at line \(block?.line ?? 0) is never closed")
        }
        closeSlide()
        self.slides = slides
        self.codeBlocks = blocks
        self.revealSlideCount = revealSeparators + 1
    }

    /// Every `<!-- source: ... -->` line of the deck with its line number, used or not.
    static func sourceLines(in text: String) -> [(line: Int, text: String)] {
        text.components(separatedBy: "\n").enumerated()
            .filter { $0.element.contains("source:") && $0.element.contains("<!--") }
            .map { (line: $0.offset + 1, text: $0.element) }
    }
}
