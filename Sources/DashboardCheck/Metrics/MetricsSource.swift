import Exposition
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Loads the `--metrics` argument: a Prometheus text exposition in a file or at a URL
/// (`http://localhost:9000/metrics`).
public enum MetricsSource {
    /// The catalog of the exposition at `location`.
    public static func load(_ location: String) async throws(LiveError) -> MetricCatalog {
        let text: String
        if location.hasPrefix("http://") || location.hasPrefix("https://") {
            guard let url = URL(string: location) else { throw LiveError("--metrics: \(location) is not a valid URL") }
            do {
                let (data, response) = try await URLSession.shared.data(from: url)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                guard (200..<300).contains(status) else {
                    throw LiveError("--metrics: \(location) answered HTTP \(status)")
                }
                text = String(decoding: data, as: UTF8.self)
            } catch let error as LiveError {
                throw error
            } catch {
                throw LiveError("--metrics: cannot fetch \(location): \(error.localizedDescription)")
            }
        } else {
            guard let bytes = FileReading.bytes(atPath: location) else {
                throw LiveError("--metrics: cannot read \(location)")
            }
            text = String(decoding: bytes, as: UTF8.self)
        }
        return try catalog(fromExposition: text, source: location)
    }

    /// The catalog of an exposition's text.
    public static func catalog(fromExposition text: String, source: String) throws(LiveError) -> MetricCatalog {
        do {
            return MetricCatalog(families: try ExpositionParser.parse(text))
        } catch {
            throw LiveError("--metrics: \(source):\(error.line):\(error.column): \(error.message)")
        }
    }
}
