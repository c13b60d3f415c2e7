import DashboardCheck
import ExerciseGrading
import Foundation
import PromQL
import TestSupport
import Testing

@Suite("PromQL on the slides")
struct SlidePromQLTests {
    /// The expressions of the deck's `promql` blocks: one per paragraph of a block.
    static func expressions(in deck: Deck) -> [(line: Int, text: String, answer: String?)] {
        deck.codeBlocks.filter { $0.language == "promql" }.flatMap { block in
            block.content.components(separatedBy: "\n\n")
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }
                .map { (line: block.line, text: $0, answer: block.answer) }
        }
    }

    /// A one-panel dashboard whose only target is `expression`, linted: Grafana's variables
    /// (`$__rate_interval`) are expanded as the checker expands them.
    static func lintAsPanel(_ expression: String) -> FileReport {
        let dashboard = """
            {"title": "Slide", "uid": "slide", "schemaVersion": 39, "panels": [
              {"id": 1, "type": "timeseries", "title": "Slide answer",
               "datasource": {"type": "prometheus", "uid": "workshop-prometheus"},
               "gridPos": {"h": 8, "w": 12, "x": 0, "y": 0},
               "targets": [{"refId": "A", "expr": \(JSONText.quote(expression))}]}
            ]}
            """
        return Linter().lint(bytes: Array(dashboard.utf8), path: "slide.json")
    }

    @Test("every PromQL expression on a slide parses and type-checks, Grafana's variables expanded")
    func expressionsParse() throws {
        let deck = try Deck.load("slides/workshop.md")
        let expressions = Self.expressions(in: deck)
        #expect(expressions.count >= 5, "expected PromQL on the slides; found \(expressions.count)")
        for (line, text, _) in expressions {
            let report = Self.lintAsPanel(text)
            let errors = report.findings.filter { $0.rule == PromQLSyntaxRule.description.id }
            #expect(
                report.queries.first?.expr != nil && errors.isEmpty,
                "slides/workshop.md:\(line): `\(text)` does not parse: \(errors.map(\.message))"
            )
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
        for (line, text, _) in Self.expressions(in: deck) {
            guard let expression = Self.lintAsPanel(text).queries.first?.expr else { continue }
            for name in expression.vectorSelectors.compactMap(\.metricName) {
                // A histogram's series add `_bucket`, `_sum` and `_count` to the registered name.
                let family = name.replacing(/_(bucket|sum|count)$/, with: "")
                #expect(
                    literals.contains(name) || literals.contains(family),
                    "slides/workshop.md:\(line): `\(name)` is not a metric named in Sources"
                )
            }
        }
    }

    @Test("every PromQL answer a slide gives for exercises 07 to 09 passes that exercise's grader")
    func answersPassTheGrader() throws {
        let deck = try Deck.load("slides/workshop.md")
        let answers = Self.expressions(in: deck).filter { $0.answer != nil }
        #expect(Set(answers.compactMap(\.answer)) == ["07", "08", "09"], "the deck should answer 07, 08 and 09")
        for (line, text, answer) in answers {
            guard let answer else { continue }
            let exercises = Repository.path("Exercises").path
            let file = try #require(ExerciseRequirements.locate(answer, exercisesDirectory: exercises))
            let requirements = try ExerciseRequirements.load(path: file)
            let result = ExerciseGrader.grade(
                Self.lintAsPanel(text),
                ruleFiles: RuleFiles.load(Repository.path("Solutions/rules").path),
                against: requirements
            )
            #expect(result.passed, "slides/workshop.md:\(line): the answer to \(answer) fails: \(result.reasons)")
        }
    }

    @Test("a PromQL block on a slide that names exercise 7, 8 or 9 is marked as its answer")
    func exerciseQueriesAreMarked() throws {
        let deck = try Deck.load("slides/workshop.md")
        for slide in deck.slides {
            let text = slide.content + "\n" + (slide.notes ?? "")
            guard text.contains(/[Ee]xercises? 0?[789]\b/) else { continue }
            let blocks = deck.codeBlocks.filter {
                $0.language == "promql" && $0.line >= slide.line && slide.content.contains($0.content)
            }
            guard !blocks.isEmpty else { continue }
            #expect(
                blocks.contains { $0.answer != nil },
                "slides/workshop.md:\(slide.line): the slide names an exercise and shows PromQL, but no block has <!-- answer: NN -->"
            )
        }
    }
}
