import Exposition
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Loads the `--metrics` argument: a Prometheus text exposition in a file or at a URL
/// (`http://localhost:9000/metrics`), and the `--catalog` argument: a file of `# TYPE` lines
/// (the exposition format without samples) that only says which type each family has.
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
            return MetricCatalog(families: try ExpositionParser.parse(text), source: "--metrics \(source)")
        } catch {
            throw LiveError("--metrics: \(source):\(error.line):\(error.column): \(error.message)")
        }
    }

    /// The metric catalog files at `paths` (`configs/metric-catalog/workshop.prom`), merged: the
    /// types of the families they list, with no claim that the application exposes them.
    public static func loadCatalogFiles(_ paths: [String]) throws(LiveError) -> MetricCatalog {
        var families: [MetricFamily] = []
        for path in paths {
            guard let bytes = FileReading.bytes(atPath: path) else { throw LiveError("--catalog: cannot read \(path)") }
            let found: [MetricFamily]
            do {
                found = try ExpositionParser.parse(String(decoding: bytes, as: UTF8.self))
            } catch {
                throw LiveError("--catalog: \(path):\(error.line):\(error.column): \(error.message)")
            }
            guard !found.isEmpty else { throw LiveError("--catalog: \(path):1:1: no # TYPE line") }
            families += found
        }
        return MetricCatalog(families: families, source: "--catalog \(paths.joined(separator: ", "))")
    }
}
