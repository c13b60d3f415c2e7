import DashboardCheck
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
            over: .selector(metrics: ["x_bucket"], range: .variables(["__rate_interval"]))
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
}
