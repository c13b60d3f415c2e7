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
            if let near = nearName(of: name) {
                list.fail(near)
                return nil
            }
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

    /// The problem when a family is exposed under `name` with or without the counter suffix `_total`.
    func nearName(of name: String) -> String? {
        if name.hasSuffix("_total"), families.family(named: String(name.dropLast(6))) != nil {
            return "found \(name.dropLast(6)) in /metrics, but the metric's name is \(name): swift-prometheus exposes "
                + "a name exactly as it is registered and adds no suffix, and by Prometheus's convention a counter's "
                + "name ends in _total (the dashboards and alerts query \(name)). Register it with MetricNames, "
                + "which has the full name"
        }
        if families.family(named: name + "_total") != nil {
            return "found \(name)_total in /metrics, but the metric's name is \(name): only counters end in _total. "
                + "Register it with MetricNames, which has the exact name"
        }
        return nil
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
