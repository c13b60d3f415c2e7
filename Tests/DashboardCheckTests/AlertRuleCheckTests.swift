import DashboardCheck
import ExerciseGrading
import TestSupport
import Testing

/// The alerting-rule grader, with exercise 09's requirement, on answers written differently and on
/// the classic mistakes.
@Suite("Alerting rule check")
struct AlertRuleCheckTests {
    /// The problems found in one rule file `text`.
    private func check(text: String, path: String) throws -> [String] {
        let requirements = try ExerciseRequirements.load(
            path: Repository.path("Exercises/09-error-ratio/requirements.json").path
        )
        let alert = try #require(requirements.requirements.compactMap(\.alertRule).first)
        return AlertRuleCheck.problems(in: [AlertRuleCheck.RuleFile(path: path, text: text)], requirement: alert)
    }

    private func rules(expr: String, for duration: String = "5m") -> String {
        """
        groups:
          - name: g
            rules:
              - alert: HighErrorRatio
                expr: \(expr)
                for: \(duration)
        """
    }

    @Test(
        "correct rules written differently pass",
        arguments: [
            #"sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.05"#,
            #"'sum by (job) (rate(http_requests_total{status=~"5.*"}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05'"#,
            #"0.05 < sum(increase(http_requests_total{status=~"5[0-9]{2}"}[10m])) / sum(increase(http_requests_total[10m]))"#,
            #"(sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))) * 100 > 5"#,
            #"(sum(rate(http_requests_total{job="workshop-app",status=~"5.."}[5m])) or sum(rate(http_requests_total{job="workshop-app"}[5m])) * 0) / sum(rate(http_requests_total{job="workshop-app"}[5m])) > 0.05"#,
            #"'sum by (handler) (rate(http_requests_total{status=~"5.."}[5m])) / sum by (handler) (rate(http_requests_total[5m])) > 0.05'"#,
            #"job:http_request_errors:ratio_rate5m{job="workshop-app"} > 0.05"#,
        ]
    )
    func correctRulesPass(expr: String) throws {
        let problems = try check(text: rules(expr: expr), path: "alerts.yml")
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("a block scalar expression and for: 300s pass")
    func blockScalar() throws {
        let text = """
            groups:
              - name: g
                rules:
                  - alert: HighErrorRatio
                    expr: |
                      sum(rate(http_requests_total{status=~"5.."}[5m]))
                        / sum(rate(http_requests_total[5m])) > 0.05
                    for: 300s
            """
        #expect(try check(text: text, path: "alerts.yml").isEmpty)
    }

    @Test(
        "each classic mistake fails with words that name it",
        arguments: [
            (
                #"rate(http_requests_total{status=~"5.."}[5m]) / rate(http_requests_total[5m]) > 0.05"#, "5m",
                "sum both sides"
            ),
            (
                #"sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 5"#, "5m",
                "0.05"
            ),
            (#"sum(rate(http_requests_total[5m])) / sum(rate(http_requests_total[5m])) > 0.05"#, "5m", "only 5xx"),
            (
                #"sum(rate(http_requests_total{status=~"4.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.05"#, "5m",
                "only 5xx"
            ),
            (
                #"sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 0.05"#, "1m",
                "for: 5m"
            ),
            (#"sum(http_requests_total{status=~"5.."}) / sum(http_requests_total) > 0.05"#, "5m", "found no rate"),
            (#"sum(rate(http_requests_total{status=~"5.."}[5m])) > 0.05"#, "5m", "expected a division"),
            (
                #"sum(rate(http_requests_total{status=~"5.."}[5m]) / sum(rate(http_requests_total[5m])) > 0.05"#, "5m",
                "does not parse"
            ),
        ]
    )
    func mistakesFail(expr: String, duration: String, words: String) throws {
        let problems = try check(text: rules(expr: expr, for: duration), path: "alerts.yml")
        #expect(problems.contains { $0.contains(words) }, "\(problems)")
    }

    @Test("a file that is not a rule file says so with its line")
    func notARuleFile() throws {
        let badIndent = try check(text: "groups:\n  - name: g\n   rules: x\n", path: "a.yml")
        #expect(
            badIndent.count == 1 && badIndent[0].contains("a.yml") && badIndent[0].contains("line 3"),
            "\(badIndent)"
        )
        #expect(try check(text: "alerts: []\n", path: "a.yml").first?.contains("groups") == true)
        #expect(
            try check(text: "groups:\n  - name: g\n    rules:\n      - record: x\n        expr: up\n", path: "a.yml")
                .first?.contains("no alerting rule") == true
        )
    }
}
