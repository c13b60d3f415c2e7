import Foundation

/// The hints of an exercise README: the bodies of its `<details><summary>Hint...</summary> ... </details>`
/// blocks, kept below a fold so they are read only when wanted.
public enum ReadmeHints {
    /// The hint bodies, in order.
    public static func extract(from text: String) -> [String] {
        var hints: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "<details>") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "</details>") else { break }
            var body = rest[..<close.lowerBound]
            rest = rest[close.upperBound...]
            guard let summaryEnd = body.range(of: "</summary>") else { continue }
            let summary = body[..<summaryEnd.lowerBound]
            guard summary.lowercased().contains("hint") else { continue }
            body = body[summaryEnd.upperBound...]
            hints.append(String(body))
        }
        return hints
    }
}
