/// An HTTP route an app serves: a method and a path template such as `/items/{key}`.
struct Route: Sendable, Hashable, CustomStringConvertible {
    /// The HTTP method in capitals.
    var method: String
    /// The template, with parameters written `{name}` or `:name`.
    var template: String

    var description: String { "\(method) \(template)" }

    /// Whether a concrete `path` (no query string) matches the template.
    func matches(method: String, path: String) -> Bool {
        guard method.uppercased() == self.method else { return false }
        let want = template.split(separator: "/", omittingEmptySubsequences: true)
        let have = path.split(separator: "/", omittingEmptySubsequences: true)
        guard want.count == have.count else { return false }
        return zip(want, have).allSatisfy { pattern, segment in
            pattern.hasPrefix(":") || (pattern.hasPrefix("{") && pattern.hasSuffix("}")) || pattern == segment
        }
    }
}
