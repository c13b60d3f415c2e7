/// The report as a table for people.
extension LoadReport {
    /// Renders the report as aligned lines of text, ending with a newline.
    public func renderTable() -> String {
        var rows: [(String, String)] = [
            ("target", target),
            ("duration", "\(fixed(durationSeconds, 1)) s (whole run \(fixed(elapsedSeconds, 1)) s)"),
            ("target rate", "\(fixed(rate, 1)) req/s, concurrency \(concurrency)"),
            (
                "achieved rate",
                "\(fixed(achievedRate, 1)) req/s (\(fixed(rate > 0 ? achievedRate / rate * 100 : 0, 1))% of target)"
            ),
            ("planned", "\(planned)"),
            ("sent", "\(sent)"),
            ("answered", "\(completed)"),
        ]
        for (status, count) in statusCounts.sorted(by: { $0.key < $1.key }) {
            rows.append(("  status \(status)", "\(count)"))
        }
        for (reason, count) in transportErrors.sorted(by: { $0.key < $1.key }) {
            rows.append(("  no response", "\(count) (\(reason))"))
        }
        rows.append(("errors (5xx + no response)", "\(errors)"))
        if dropped > 0 { rows.append(("dropped (all connections busy)", "\(dropped)")) }
        if unfinished > 0 { rows.append(("unfinished at the end", "\(unfinished)")) }
        for kind in RequestKind.allCases {
            guard let count = kinds[kind.rawValue] else { continue }
            let unexpected = count.unexpected > 0 ? ", \(count.unexpected) unexpected status" : ""
            rows.append(("  \(kind.rawValue)", "\(count.sent) sent\(unexpected)"))
        }
        rows.append(("latency p50", milliseconds(latency.p50)))
        rows.append(("latency p95", milliseconds(latency.p95)))
        rows.append(("latency p99", milliseconds(latency.p99)))
        rows.append(("latency max", milliseconds(latency.max)))
        if let traceIDPrefix { rows.append(("trace ids", "\(traceIDPrefix) then the request's number, in hex")) }
        if targets.count > 1 {
            for count in targets {
                rows.append(
                    (
                        "  \(count.url)",
                        "\(count.completed) answered, p50 \(milliseconds(count.latency.p50)), "
                            + "p95 \(milliseconds(count.latency.p95))"
                    )
                )
            }
        }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { name, value in
            name + String(repeating: " ", count: width - name.count) + "  " + value
        }.joined(separator: "\n") + "\n"
    }

    private func milliseconds(_ seconds: Double) -> String {
        "\(fixed(seconds * 1000, 2)) ms"
    }

    private func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (value * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(abs(scaled.truncatingRemainder(dividingBy: scale)))
        let padded = String(fraction)
        let sign = value < 0 && whole == 0 && scaled != 0 ? "-" : ""
        return digits == 0
            ? "\(sign)\(whole)" : "\(sign)\(whole)." + String(repeating: "0", count: digits - padded.count) + padded
    }
}
