import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Talks to Prometheus's HTTP API (`/api/v1/query`, `/api/v1/label/__name__/values`, `/api/v1/metadata`).
public struct PrometheusClient: Sendable {
    /// The server's base URL (`http://localhost:9090`).
    public let baseURL: URL

    /// Makes a client; nil when `url` is not an http(s) URL.
    public init?(url: String) {
        guard let parsed = URL(string: url.hasSuffix("/") ? String(url.dropLast()) : url),
            parsed.scheme == "http" || parsed.scheme == "https"
        else { return nil }
        baseURL = parsed
    }

    /// Runs `query` as an instant query at now.
    public func instantQuery(_ query: String) async throws(LiveError) -> InstantQueryOutcome {
        let root = try await get("/api/v1/query", ["query": query], acceptErrorStatus: true)
        if root["status"]?.string == "error" {
            return .error(type: root["errorType"]?.string ?? "error", message: root["error"]?.string ?? "unknown error")
        }
        guard let data = root["data"] else { throw LiveError("\(baseURL): the query response has no data") }
        switch data["resultType"]?.string {
        case "vector", "matrix":
            let count = data["result"]?.array?.count ?? 0
            return count == 0 ? .empty : .data(count: count)
        default:
            return .data(count: 1)
        }
    }

    /// Every metric name Prometheus holds.
    public func metricNames() async throws(LiveError) -> [String] {
        let root = try await get("/api/v1/label/__name__/values", [:], acceptErrorStatus: false)
        return root["data"]?.array?.compactMap(\.string) ?? []
    }

    /// The type of each metric family its targets declared (`counter`, `histogram`, ...).
    public func metricTypes() async throws(LiveError) -> [String: String] {
        let root = try await get("/api/v1/metadata", [:], acceptErrorStatus: false)
        var types: [String: String] = [:]
        for (name, entries) in root["data"]?.members ?? [] {
            if let type = entries.array?.first?["type"]?.string { types[name] = type }
        }
        return types
    }

    /// A catalog of the metric names Prometheus holds, typed by its metadata.
    public func catalog() async throws(LiveError) -> MetricCatalog {
        let names = try await metricNames()
        let types = (try? await metricTypes()) ?? [:]
        return MetricCatalog(names: names, types: types, source: "the metadata of --prometheus \(baseURL)")
    }

    private func get(
        _ path: String,
        _ parameters: [String: String],
        acceptErrorStatus: Bool
    ) async throws(LiveError)
        -> JSONNode
    {
        guard var components = URLComponents(url: baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        else { throw LiveError("\(baseURL): cannot build the URL for \(path)") }
        if !parameters.isEmpty {
            components.queryItems = parameters.sorted { $0.key < $1.key }.map {
                URLQueryItem(name: $0.key, value: $0.value)
            }
            // `+` in a query must reach Prometheus as a plus, not a space.
            components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        }
        guard let url = components.url else { throw LiveError("\(baseURL): cannot build the URL for \(path)") }
        let body: Data
        let status: Int
        do {
            let (data, response) = try await URLSession.shared.data(from: url)
            body = data
            status = (response as? HTTPURLResponse)?.statusCode ?? 0
        } catch {
            throw LiveError("cannot reach Prometheus at \(baseURL): \(error.localizedDescription)")
        }
        guard (200..<300).contains(status) || acceptErrorStatus && (400..<600).contains(status) else {
            throw LiveError("\(url) answered HTTP \(status)")
        }
        do {
            return try JSONReader.parse([UInt8](body))
        } catch {
            throw LiveError("\(url) answered something that is not JSON (\(error.message))")
        }
    }
}
