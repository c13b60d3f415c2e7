import Foundation

/// Reads Prometheus durations as rule files write them (`5m`, `300s`, `1h30m`).
public enum PrometheusDuration {
    /// The whole seconds `text` stands for, or nil when it is not a duration.
    public static func seconds(_ text: String) -> Int? {
        let units: [(String, Int)] = [
            ("ms", 0), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400), ("w", 604_800), ("y", 31_536_000),
        ]
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { return nil }
        var total = 0
        var milliseconds = 0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard let number = Int(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.0) && !(rest.hasPrefix("ms") && $0.0 == "m") })
            else {
                return nil
            }
            rest = rest.dropFirst(unit.0.count)
            if unit.0 == "ms" { milliseconds += number } else { total += number * unit.1 }
        }
        return milliseconds % 1000 == 0 ? total + milliseconds / 1000 : nil
    }
}
