import DashboardCheck
import ExerciseGrading
import Foundation
import TestSupport
import Testing

@Suite("Exercise requirements")
struct RequirementsTests {
    private func grade(_ answer: String) throws -> GradeResult {
        let requirements = try ExerciseRequirements.load(path: try Fixture.path("exercise/requirements.json"))
        let report = Linter().lint(bytes: try Fixture.bytes("exercise/answers/\(answer).json"), path: answer)
        return Grader.grade(report, against: requirements)
    }

    @Test(
        "correct answers written differently all pass",
        arguments: [
            "pass-canonical", "pass-written-differently", "pass-without",
        ]
    )
    func correctAnswersPass(answer: String) throws {
        let result = try grade(answer)
        #expect(result.passed, "\(result.reason ?? "")")
        #expect(result.reason == nil)
    }

    @Test(
        "each classic mistake fails with a reason that names it",
        arguments: [
            ("fail-fixed-range", "cache-miss-rate", "fixed range [5m]"),
            ("fail-raw-counter", "cache-miss-rate", "[counter-without-rate]"),
            ("fail-summary-average", "p95-latency", "no panel shows histogram_quantile(0.95"),
            ("fail-le-dropped", "p95-latency", "sum by (handler) drops the le label [histogram-quantile-le]"),
            ("fail-p99", "p95-latency", "no panel shows histogram_quantile(0.95"),
            ("fail-unparsable", "cache-miss-rate", "does not parse"),
        ]
    )
    func mistakesFail(answer: String, requirement: String, words: String) throws {
        let result = try grade(answer)
        #expect(!result.passed)
        #expect(result.failedRequirement == requirement)
        #expect(result.reason?.contains(words) == true, "\(result.reason ?? "")")
    }

    @Test("patterns are matched on the tree: extra filters and by clauses after the arguments match")
    func patternsOnTheTree() throws {
        let pattern = QueryPattern.aggregate(
            operators: nil,
            keeps: ["le"],
            over: .selector(metrics: ["x_bucket"], range: .variables(["__rate_interval"]), selects: [:], rejects: [:])
        )
        func matches(_ text: String) throws -> Bool {
            let report = try Fixture.lint(json: Fixture.dashboard([text]))
            let query = try #require(report.queries.first)
            let expr = try #require(query.expr)
            return QueryPattern.contains(pattern).matches(expr, in: query.expanded)
        }
        #expect(try matches("sum by (le) (rate(x_bucket{a=\"b\"}[$__rate_interval]))"))
        #expect(try matches("sum(rate(x_bucket[$__rate_interval])) by (handler, le)"))
        #expect(try matches("max without (instance) (rate(x_bucket[$__rate_interval]))"))
        #expect(try !matches("sum by (handler) (rate(x_bucket[$__rate_interval]))"))
        #expect(try !matches("sum by (le) (rate(x_bucket[5m]))"))
        #expect(try !matches("sum(rate(x_bucket[$__rate_interval]))"))
    }

    @Test("a malformed requirements file is refused with its line and column")
    func malformedRequirements() {
        let text = """
            {"requirements": [
              {"id": "a", "query": {"call": "rate", "selector": "x"}}
            ]}
            """
        #expect {
            _ = try ExerciseRequirements.parse(Array(text.utf8), path: "r.json")
        } throws: { error in
            guard let error = error as? RequirementsError else { return false }
            return error.line == 2 && error.column == 24 && error.message.contains("one of")
        }
    }

    @Test("an exercise is found by folder name, number or name")
    func locate() throws {
        let directory = try Fixture.path("")
        #expect(
            ExerciseRequirements.locate("exercise", exercisesDirectory: directory)?.hasSuffix(
                "exercise/requirements.json"
            ) == true
        )
        #expect(ExerciseRequirements.locate("nothing-like-it", exercisesDirectory: directory) == nil)
    }

    /// Grades a one-panel dashboard against the workshop's own `Exercises/09-error-ratio/requirements.json`,
    /// with the reference's alerting rules.
    private func gradeErrorRatio(_ expression: String) throws -> GradeResult {
        let file = Repository.path("Exercises/09-error-ratio/requirements.json")
        let requirements = try ExerciseRequirements.load(path: file.path)
        return ExerciseGrader.grade(
            try Fixture.lint(json: Fixture.dashboard([expression])),
            ruleFiles: RuleFiles.load(Repository.path("Solutions/rules").path),
            against: requirements
        )
    }

    @Test(
        "09-error-ratio: 5xx over all, however it is written, passes",
        arguments: [
            #"sum(rate(http_requests_total{status=~"5.."}[$__rate_interval])) / sum(rate(http_requests_total[$__rate_interval]))"#,
            #"sum by (job) (rate(http_requests_total{status=~"5.*"}[$__rate_interval])) / sum by (job) (rate(http_requests_total[$__rate_interval]))"#,
            #"100 * (sum(increase(http_requests_total{status=~"5[0-9][0-9]"}[$__rate_interval])) / sum(increase(http_requests_total{status=~".+"}[$__rate_interval])))"#,
            #"sum(rate(http_requests_total{status=~"500|502|503|504", job="$job"}[$__rate_interval])) / sum(rate(http_requests_total{job="$job"}[$__rate_interval]))"#,
            #"job:http_request_errors:ratio_rate5m"#,
            #"(sum(rate(http_requests_total{status=~"5.."}[$__rate_interval])) or sum(rate(http_requests_total[$__rate_interval])) * 0) / sum(rate(http_requests_total[$__rate_interval]))"#,
            #"sum by (handler) (rate(http_requests_total{job="workshop-app",status=~"5.."}[$__rate_interval])) / sum by (handler) (rate(http_requests_total{job="workshop-app"}[$__rate_interval]))"#,
        ]
    )
    func errorRatioPasses(expression: String) throws {
        let result = try gradeErrorRatio(expression)
        #expect(result.passed, "\(expression): \(result.reason ?? "")")
    }

    @Test(
        "09-error-ratio: a rate alone, 4xx, an inverted or narrowed ratio, or a fixed range fails",
        arguments: [
            #"sum by (handler) (rate(http_requests_total[$__rate_interval]))"#,
            #"sum(rate(http_requests_total{status=~"5.."}[$__rate_interval]))"#,
            #"sum(rate(http_requests_total{status=~"4.."}[$__rate_interval])) / sum(rate(http_requests_total[$__rate_interval]))"#,
            #"sum(rate(http_requests_total[$__rate_interval])) / sum(rate(http_requests_total{status=~"5.."}[$__rate_interval]))"#,
            #"sum(rate(http_requests_total{status=~"5.."}[$__rate_interval])) / sum(rate(http_requests_total{status=~"2.."}[$__rate_interval]))"#,
            #"sum(rate(http_requests_total{status!~"5.."}[$__rate_interval])) / sum(rate(http_requests_total[$__rate_interval]))"#,
            #"sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))"#,
            #"rate(http_requests_total{status=~"5.."}[$__rate_interval]) / rate(http_requests_total[$__rate_interval])"#,
            #"(sum(rate(http_requests_total{status=~"5.."}[$__rate_interval])) / sum(rate(http_requests_total[$__rate_interval]))) * 0"#,
        ]
    )
    func errorRatioMistakesFail(expression: String) throws {
        let result = try gradeErrorRatio(expression)
        #expect(!result.passed, "\(expression) passed")
        #expect(result.failedRequirement == "error-ratio")
    }
}
