import AppMetrics
import Exposition

extension MetricsExporter {
    /// The exposition as `/metrics` would serve it now, read without a request (so it does not count itself).
    func parsed() throws -> [MetricFamily] {
        try ExpositionParser.parse(String(decoding: render(), as: UTF8.self))
    }
}
