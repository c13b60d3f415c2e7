/// The server a load run talks to: `http://host[:port][/base]`.
public struct TargetURL: Sendable, Equatable, CustomStringConvertible {
    /// The host name or address to connect to.
    public var host: String
    /// The TCP port (80 when the URL names none).
    public var port: Int
    /// A path prefix put before every request path, without a trailing slash ("" for none).
    public var basePath: String

    /// Makes a target from its parts.
    public init(host: String, port: Int, basePath: String = "") {
        self.host = host
        self.port = port
        self.basePath = basePath
    }

    /// Parses `http://host[:port][/base]`; only plain HTTP is supported.
    public init(parsing text: String) throws {
        let prefix = "http://"
        guard text.lowercased().hasPrefix(prefix) else {
            throw LoadGeneratorError(
                "--url '\(text)': only http:// URLs are supported, for example http://localhost:9000"
            )
        }
        let rest = text.dropFirst(prefix.count)
        let authority: Substring
        let path: Substring
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[slash...]
        } else {
            authority = rest
            path = ""
        }
        guard !authority.isEmpty else {
            throw LoadGeneratorError("--url '\(text)': the URL names no host")
        }
        var host = String(authority)
        var port = 80
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            host = String(authority[..<colon])
            let portText = authority[authority.index(after: colon)...]
            guard let parsed = Int(portText), (1...65535).contains(parsed) else {
                throw LoadGeneratorError("--url '\(text)': port '\(portText)' is not a number from 1 to 65535")
            }
            port = parsed
        }
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        guard !host.isEmpty else {
            throw LoadGeneratorError("--url '\(text)': the URL names no host")
        }
        var base = String(path)
        while base.hasSuffix("/") { base.removeLast() }
        self.init(host: host, port: port, basePath: base)
    }

    /// The value of the `Host` header.
    public var hostHeader: String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return port == 80 ? shown : "\(shown):\(port)"
    }

    public var description: String { "http://\(hostHeader)\(basePath)" }
}
