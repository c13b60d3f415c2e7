import Foundation
import Testing

@testable import PromQL

/// One row of the shared table in `Cases/cases.json`.
private struct TableCase: Decodable, CustomTestStringConvertible {
    var expr: String
    var valid: Bool
    var type: String?
    var canonical: String?
    var error: String?
    var line: Int?
    var column: Int?
    var note: String?
    var prometheus242: String?

    var testDescription: String { expr }
}

@Suite("The shared case table")
struct CaseTableTests {
    /// Messages the parser words differently from Prometheus on purpose, keyed by expression, with the reason.
    static let deliberateMessageDifferences: [String: String] = [:]

    private static func loadCases() throws -> [TableCase] {
        guard let url = Bundle.module.url(forResource: "cases", withExtension: "json", subdirectory: "Cases") else {
            return []
        }
        return try JSONDecoder().decode([TableCase].self, from: Data(contentsOf: url))
    }

    @Test("the table exists and holds at least 400 cases")
    func tableIsThere() throws {
        let cases = try Self.loadCases()
        #expect(cases.count >= 400, "Tests/PromQLTests/Cases/cases.json is missing or has fewer than 400 cases")
    }

    @Test("every case gets Prometheus's verdict, type, canonical form and error position")
    func everyCase() throws {
        let cases = try Self.loadCases()
        #expect(!cases.isEmpty, "Tests/PromQLTests/Cases/cases.json is missing or empty")
        for entry in cases {
            do {
                let tree = try PromQLParser.parse(entry.expr)
                #expect(entry.valid, "accepted but Prometheus rejects: \(entry.expr)")
                guard entry.valid else { continue }
                if let type = entry.type { #expect(tree.type.rawValue == type, "type of \(entry.expr)") }
                let printed = PromQLPrinter.print(tree)
                if let canonical = entry.canonical {
                    #expect(printed == canonical, "canonical form of \(entry.expr)")
                }
                let reparsed = try PromQLParser.parse(printed)
                #expect(reparsed == tree, "parse(print(e)) != e for \(entry.expr)")
            } catch {
                #expect(!entry.valid, "rejected but Prometheus accepts: \(entry.expr): \(error)")
                guard !entry.valid else { continue }
                if let line = entry.line { #expect(error.position.line == line, "line of \(entry.expr)") }
                if let column = entry.column { #expect(error.position.column == column, "column of \(entry.expr)") }
                if let message = entry.error, Self.deliberateMessageDifferences[entry.expr] == nil {
                    #expect(error.message == message, "message of \(entry.expr)")
                }
            }
        }
    }
}
