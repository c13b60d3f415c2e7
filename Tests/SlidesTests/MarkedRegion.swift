import Foundation

/// Reads the regions of a source file marked for the slides.
///
/// A region starts at a line `// slide:NAME` (or `# slide:NAME` in YAML, shell scripts and
/// Dockerfiles) and ends at the next `// end-slide` (`# end-slide`). Its text is the lines in
/// between, less the start marker's indentation. Regions do not nest; a start marker of another
/// region inside one is left out of its text.
enum MarkedRegion {
    /// A start marker line.
    static var startPattern: Regex<(Substring, indent: Substring, name: Substring)> {
        /^(?<indent>[ \t]*)(?:\/\/|#)[ \t]*slide:(?<name>[A-Za-z0-9_.-]+)[ \t]*$/
    }
    /// An end marker line.
    static var endPattern: Regex<Substring> { /^[ \t]*(?:\/\/|#)[ \t]*end-slide[ \t]*$/ }

    /// The names of every region in `text`, in order (a name may repeat, which `extract` reports).
    static func names(in text: String) -> [String] {
        text.components(separatedBy: "\n").compactMap { $0.wholeMatch(of: startPattern).map { String($0.output.name) } }
    }

    /// The text of region `name` in `text`; `file` names the file in error messages.
    static func extract(_ name: String, from text: String, file: String) throws -> String {
        let lines = text.components(separatedBy: "\n")
        let starts = lines.indices.filter {
            lines[$0].wholeMatch(of: startPattern).map { String($0.output.name) } == name
        }
        guard let start = starts.first else {
            throw SlideCheckError(
                "\(file): no `slide:\(name)` marker (regions here: \(names(in: text).joined(separator: ", ")))"
            )
        }
        guard starts.count == 1 else {
            throw SlideCheckError(
                "\(file): the region `\(name)` is marked \(starts.count) times (lines \(starts.map { $0 + 1 }))"
            )
        }
        let indent = String(lines[start].wholeMatch(of: startPattern)?.output.indent ?? "")
        var body: [String] = []
        for index in (start + 1)..<lines.count {
            let line = lines[index]
            if line.wholeMatch(of: endPattern) != nil {
                if body.isEmpty {
                    throw SlideCheckError("\(file):\(start + 1): the region `\(name)` is empty")
                }
                return body.joined(separator: "\n")
            }
            if line.wholeMatch(of: startPattern) != nil { continue }
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                body.append("")
            } else if line.hasPrefix(indent) {
                body.append(String(line.dropFirst(indent.count)))
            } else {
                throw SlideCheckError(
                    "\(file):\(index + 1): line is indented less than the `slide:\(name)` marker above it"
                )
            }
        }
        throw SlideCheckError("\(file):\(start + 1): the region `\(name)` has no `end-slide` marker after it")
    }
}
