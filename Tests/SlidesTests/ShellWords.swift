import Foundation

/// Splits shell command lines into commands and words, the way a reader of a slide would.
///
/// Handles single and double quotes, backslash line continuations, `#` comments, and the
/// separators `&&`, `||`, `|` and `;`. It does not expand variables or run anything.
enum ShellWords {
    /// The commands in `script`: each is the list of its words.
    static func commands(in script: String) -> [[String]] {
        let joined = script.replacingOccurrences(of: "\\\n", with: " ")
        var commands: [[String]] = []
        for line in joined.split(separator: "\n", omittingEmptySubsequences: true) {
            var words: [String] = []
            var word = ""
            var hasWord = false
            var quote: Character?
            var index = line.startIndex
            func finishWord() {
                if hasWord { words.append(word) }
                word = ""
                hasWord = false
            }
            func finishCommand() {
                finishWord()
                if !words.isEmpty { commands.append(words) }
                words = []
            }
            while index < line.endIndex {
                let character = line[index]
                let next = line.index(after: index)
                if let open = quote {
                    if character == open {
                        quote = nil
                    } else {
                        word.append(character)
                    }
                } else if character == "'" || character == "\"" {
                    quote = character
                    hasWord = true
                } else if character == "#" && !hasWord {
                    break
                } else if character == " " || character == "\t" {
                    finishWord()
                } else if character == ";" {
                    finishCommand()
                } else if character == "|" || character == "&" {
                    if next < line.endIndex, line[next] == character {
                        index = line.index(after: next)
                        finishCommand()
                        continue
                    }
                    finishCommand()
                } else {
                    word.append(character)
                    hasWord = true
                }
                index = next
            }
            finishCommand()
        }
        return commands
    }
}
