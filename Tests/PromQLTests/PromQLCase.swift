import Foundation

/// One entry of the PromQL case table (`Cases/cases.json`); see `Cases/README.md`.
struct PromQLCase: Decodable, Sendable {
    /// The expression, exactly as sent to Prometheus.
    var expr: String
    /// Whether current Prometheus accepts it.
    var valid: Bool
    /// The result type of a valid expression: `scalar`, `vector`, `matrix` or `string`.
    var type: String?
    /// Prometheus's single-line printing of a valid expression.
    var canonical: String?
    /// The message of an invalid expression, without its `L:C: parse error: ` prefix.
    var error: String?
    /// The 1-based line the message points at.
    var line: Int?
    /// The 1-based column (in bytes) the message points at.
    var column: Int?
    /// Set when Prometheus 2.42 gives the opposite verdict: why.
    var prometheus242: String?
    /// Set when both reject it but 2.42 words it differently: 2.42's `L:C: message`.
    var error242: String?
    /// Set when both accept it but 2.42 prints it differently: 2.42's canonical form.
    var canonical242: String?
    /// Why the case is there.
    var note: String?

    /// The verdict the installed Prometheus (2.42) gives.
    var validIn242: Bool { prometheus242 == nil ? valid : !valid }

    /// What 2.42 answers for an invalid expression, as `L:C: message`.
    var expectedError242: String? {
        if let error242 { return error242 }
        guard prometheus242 == nil, let error, let line, let column else { return nil }
        return "\(line):\(column): \(error)"
    }

    /// Reads the table shipped with the tests.
    static func table() throws -> [PromQLCase] {
        guard let url = Bundle.module.url(forResource: "cases", withExtension: "json", subdirectory: "Cases") else {
            throw CaseTableError("Cases/cases.json is missing from the test bundle")
        }
        return try JSONDecoder().decode([PromQLCase].self, from: Data(contentsOf: url))
    }
}

/// A problem reading the case table.
struct CaseTableError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
