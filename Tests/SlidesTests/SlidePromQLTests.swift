import Foundation
import PromQL
import Testing

@Suite("PromQL on the slides")
struct SlidePromQLTests {
    /// The expressions of the deck's `promql` blocks: one per paragraph of a block.
    static func expressions(in deck: Deck) -> [(line: Int, text: String)] {
        deck.codeBlocks.filter { $0.language == "promql" }.flatMap { block in
            block.content.components(separatedBy: "\n\n")
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }
                .map { (line: block.line, text: $0) }
        }
    }

    @Test("every PromQL expression on a slide parses and type-checks")
    func expressionsParse() throws {
        let deck = try Deck.load("slides/workshop.md")
        let expressions = Self.expressions(in: deck)
        #expect(expressions.count >= 5, "expected PromQL on the slides; found \(expressions.count)")
        for (line, text) in expressions {
            do {
                _ = try PromQLParser.parse(text)
            } catch {
                Issue.record("slides/workshop.md:\(line): `\(text)` does not parse: \(error)")
            }
        }
    }

    @Test("every metric a slide queries is named in the apps' sources")
    func metricsExist() throws {
        let deck = try Deck.load("slides/workshop.md")
        let literals = Set(
            try SwiftSources.load(under: "Sources").flatMap { file in
                file.text.matches(of: /"(?<name>[a-z_:][a-z0-9_:]*)"/).map { String($0.output.name) }
            }
        )
        for (line, text) in Self.expressions(in: deck) {
            guard let expression = try? PromQLParser.parse(text) else { continue }
            for name in expression.vectorSelectors.compactMap(\.metricName) {
                // The exposition adds `_total` to counters and `_bucket`, `_sum`, `_count` to histograms.
                let family = name.replacing(/_(total|bucket|sum|count)$/, with: "")
                #expect(
                    literals.contains(name) || literals.contains(family),
                    "slides/workshop.md:\(line): `\(name)` is not a metric named in Sources"
                )
            }
        }
    }
}
