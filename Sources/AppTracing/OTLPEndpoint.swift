/// Where spans are sent: the `http://host:port` of an OTLP/HTTP receiver, from `OTEL_EXPORTER_OTLP_ENDPOINT`.
///
/// As the OpenTelemetry specification says for that variable, traces go to `<endpoint>/v1/traces`.
/// Only `http` is supported (the apps carry no TLS stack).
public struct OTLPEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The receiver's host name or IP address.
    public var host: String
    /// The receiver's port.
    public var port: Int
    /// The path spans are posted to, `/v1/traces` after the endpoint's own path.
    public var tracesPath: String

    /// Reads `http://host[:port][/path]`; nil when it is not that shape. The port defaults to 80.
    public init?(_ text: String) {
        guard text.hasPrefix("http://") else { return nil }
        let rest = text.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        var path = String(rest.dropFirst(authority.count))
        while path.hasSuffix("/") { path.removeLast() }
        let host: Substring
        var port = 80
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let number = Int(after.dropFirst()) else { return nil }
                port = number
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard let number = Int(authority[authority.index(after: colon)...]) else { return nil }
            port = number
        } else {
            host = authority
        }
        guard !host.isEmpty, (1...65_535).contains(port), !host.contains(where: \.isWhitespace) else { return nil }
        self.host = String(host)
        self.port = port
        self.tracesPath = path + "/v1/traces"
    }

    /// `http://host:port/v1/traces`.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "http://\(shownHost):\(port)\(tracesPath)"
    }
}
