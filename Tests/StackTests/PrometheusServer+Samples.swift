import Foundation
import TestSupport

extension PrometheusServer {
    /// One element of an instant vector: its labels and its value.
    struct Sample: Sendable {
        var labels: [String: String]
        var value: Double
    }

    /// Runs an instant query that must succeed with a vector, and returns its elements.
    func samples(_ expression: String) async throws -> [Sample] {
        let response = try await query(expression)
        guard response.isSuccess, response.resultType == "vector", let json = response.resultJSON else {
            throw TestSupportError("prometheus could not evaluate \(expression): \(response.body.prefix(500))")
        }
        guard let elements = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] else {
            throw TestSupportError("the result of \(expression) is not a vector: \(json.prefix(500))")
        }
        return try elements.map { element in
            guard let pair = element["value"] as? [Any], pair.count == 2, let text = pair[1] as? String,
                let value = Double(text)
            else {
                throw TestSupportError("a sample of \(expression) has no value: \(element)")
            }
            return Sample(labels: element["metric"] as? [String: String] ?? [:], value: value)
        }
    }

    /// Runs an instant query that must give exactly one sample, and returns its value.
    func value(_ expression: String) async throws -> Double {
        let found = try await samples(expression)
        guard found.count == 1 else {
            throw TestSupportError("\(expression) gave \(found.count) samples instead of one")
        }
        return found[0].value
    }
}
