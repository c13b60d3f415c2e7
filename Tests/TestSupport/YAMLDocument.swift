import Foundation
import Yams

/// Reads YAML files of the repository with Yams, into node trees whose nodes know their line and column.
public enum YAMLDocument {
    /// The node tree of `text`, read from `path` (named in errors).
    ///
    /// - Throws: `TestSupportError` naming `path` (and the line and column, for a syntax error) when
    ///   the text is not YAML or holds no document.
    public static func parse(_ text: String, path: String) throws -> Node {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw TestSupportError("\(path): not valid YAML: \(error)")
        }
        guard let root else { throw TestSupportError("\(path): holds no YAML document") }
        return root
    }

    /// The node tree of the repository file at `relative`.
    public static func load(_ relative: String) throws -> Node {
        try parse(Repository.text(relative), path: relative)
    }

    /// The node tree of the file at `url`.
    public static func load(url: URL) throws -> Node {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw TestSupportError("\(url.path): cannot be read (\(error.localizedDescription))")
        }
        return try parse(text, path: url.path)
    }

    /// `path:line:column` of `node`, for messages that point at a place in a file.
    public static func location(of node: Node, in path: String) -> String {
        guard let mark = node.mark else { return path }
        return "\(path):\(mark.line):\(mark.column)"
    }
}
