import Foundation

/// Explains in words why the grader of one exercise did not report: the student's code crashed it
/// (a trap, a `fatalError`, a force unwrap of nil) or never returned.
public enum CrashExplanation {
    /// The problem to report for a grader run that ended without a report.
    ///
    /// - Parameters:
    ///   - result: how the grader ended and what it wrote.
    ///   - timeLimit: the limit it was given, in seconds.
    public static func problem(for result: ChildProcess.Result, timeLimit: Int) -> String {
        if result.timedOut {
            return "the check did not finish within \(timeLimit) s, so it was stopped: the code under test never "
                + "returned. Look for an endless loop (a while whose condition never changes) or a wait that never ends"
        }
        let text = result.standardError
        let fatal = fatalMessage(in: text)
        if let name = quoted(after: "Help text mismatch for metric '", in: text) {
            return "the app crashed: the metric \(name) was registered twice with different help texts, and "
                + "swift-prometheus stops the program when that happens. Register each metric once (in init, kept in "
                + "a let property) or give every registration of \(name) the same help text"
        }
        if text.contains("Metric type mismatch"), let name = quoted(after: "with name '", in: text) {
            return "the app crashed: \(name) was registered as two different types (a counter and a gauge, say), "
                + "and swift-prometheus stops the program when that happens. A name has one type: register it once"
        }
        if text.contains("Cannot have both labeled and unlabeled metrics")
            || text.contains("Cannot register a labeled metric when an unlabeled metric already exists")
        {
            return "the app crashed: a metric was registered both with and without labels, and swift-prometheus "
                + "stops the program when that happens. Give every registration of a name the same label names"
        }
        if text.contains("Unexpectedly found nil while") {
            return "the app crashed: a force unwrap (!) met nil" + (fatal.map { " at \($0.place)" } ?? "")
                + ". Unwrap with if let or guard let, or give a default with ??"
        }
        if let fatal {
            return "the app crashed: \(fatal.message)" + (fatal.place.isEmpty ? "" : " (\(fatal.place))")
        }
        if let signal = result.signal {
            return "the grader crashed with signal \(signal) (\(signalName(signal))) before it could report"
        }
        let tail = text.split(separator: "\n").suffix(3).joined(separator: " / ")
        return "the grader ended with status \(result.exitStatus ?? -1) without a report"
            + (tail.isEmpty ? "" : ": \(tail)")
    }

    /// The message and place of the first `Fatal error:` line Swift printed.
    static func fatalMessage(in text: String) -> (message: String, place: String)? {
        for line in text.split(separator: "\n") {
            guard let range = line.range(of: "Fatal error: ") else { continue }
            let place = line[..<range.lowerBound].trimmingSuffix(": ")
            return (String(line[range.upperBound...]), String(place))
        }
        return nil
    }

    /// The text between `prefix` and the next `'`.
    static func quoted(after prefix: String, in text: String) -> String? {
        guard let start = text.range(of: prefix) else { return nil }
        let rest = text[start.upperBound...]
        guard let end = rest.firstIndex(of: "'") else { return nil }
        return String(rest[..<end])
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case 4: return "SIGILL: a Swift runtime trap"
        case 5: return "SIGTRAP: a Swift runtime trap"
        case 6: return "SIGABRT"
        case 9: return "SIGKILL"
        case 11: return "SIGSEGV: a bad memory access"
        default: return "signal \(signal)"
        }
    }
}

extension Substring {
    /// The text without `suffix` at its end.
    fileprivate func trimmingSuffix(_ suffix: String) -> Substring {
        hasSuffix(suffix) ? dropLast(suffix.count) : self
    }
}
