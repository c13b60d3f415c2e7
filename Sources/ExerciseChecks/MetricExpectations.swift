import Course
import Exposition

/// The checks exercises 03 to 06 share about one scraped exposition.
struct MetricExpectations {
    let families: [MetricFamily]

    /// Checks that a family of `type` named `name` exists; false (with the problem recorded) when not.
    func family(
        _ name: String,
        type: MetricType,
        registeredIn place: String,
        into list: inout Checklist
    ) -> MetricFamily? {
        guard let family = families.family(named: name) else {
            list.fail(
                "expected a \(type.rawValue) named \(name) in /metrics; found none. Did you register it with "
                    + "the registry passed to \(place)?"
            )
            return nil
        }
        list.expect(
            family.type == type,
            "\(name) is exposed as a \(family.type.rawValue); expected a \(type.rawValue)"
        )
        return family
    }

    /// `name{labels}` rendered the way Prometheus writes it.
    static func series(_ name: String, _ labels: [String: String]) -> String {
        guard !labels.isEmpty else { return name }
        let order = ["method", "handler", "status", "le"]
        let keys = labels.keys.sorted { (order.firstIndex(of: $0) ?? 9, $0) < (order.firstIndex(of: $1) ?? 9, $1) }
        return name + "{" + keys.map { "\($0)=\"\(labels[$0] ?? "")\"" }.joined(separator: ",") + "}"
    }

    /// The value of `name{labels}` (labels exactly), described for messages.
    func describe(_ name: String, _ labels: [String: String] = [:]) -> String {
        families.value(of: name, labels: labels).map { "\($0)" } ?? "no such series"
    }
}
