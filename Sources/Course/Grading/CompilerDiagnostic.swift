import Foundation

/// One error the Swift compiler reported, read from `swift build`'s output.
public struct CompilerDiagnostic: Sendable, Equatable {
    /// The file, relative to the repository root when it is inside it.
    public var file: String
    /// The line, from 1.
    public var line: Int
    /// The column, from 1.
    public var column: Int
    /// The compiler's message.
    public var message: String

    /// Makes a diagnostic.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String { "\(file):\(line):\(column): \(message)" }

    /// The errors in `output` (lines `path:line:column: error: message`), each once, in order, with
    /// paths under `root` made relative to it.
    public static func errors(in output: String, root: String) -> [CompilerDiagnostic] {
        var found: [CompilerDiagnostic] = []
        for line in output.split(separator: "\n") {
            guard let marker = line.range(of: ": error: ") else { continue }
            let place = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard place.count >= 3, let lineNumber = Int(place[place.count - 2]),
                let column = Int(place[place.count - 1])
            else { continue }
            var file = place.dropLast(2).joined(separator: ":")
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if file.hasPrefix(prefix) { file = String(file.dropFirst(prefix.count)) }
            let diagnostic = CompilerDiagnostic(
                file: file,
                line: lineNumber,
                column: column,
                message: String(line[marker.upperBound...])
            )
            if !found.contains(diagnostic) { found.append(diagnostic) }
        }
        return found
    }
}
