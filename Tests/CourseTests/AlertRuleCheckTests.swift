import CourseGrading
import Testing

/// The alerting-rule grader on answers written differently and on the classic mistakes.
@Suite("Alerting rule check")
struct AlertRuleCheckTests {
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
        ]
    )
    func correctRulesPass(expr: String) {
        let list = AlertRuleCheck.check(text: rules(expr: expr), path: "alerts.yml")
        #expect(list.problems.isEmpty, "\(list.problems)")
        #expect(list.count > 0)
    }

    @Test("a block scalar expression and for: 300s pass")
    func blockScalar() {
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
        #expect(AlertRuleCheck.check(text: text, path: "alerts.yml").problems.isEmpty)
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
    func mistakesFail(expr: String, duration: String, words: String) {
        let list = AlertRuleCheck.check(text: rules(expr: expr, for: duration), path: "alerts.yml")
        #expect(list.problems.contains { $0.contains(words) }, "\(list.problems)")
    }

    @Test("a file that is not a rule file says so with its line")
    func notARuleFile() {
        #expect(AlertRuleCheck.check(text: "groups:\n  - name: g\n   rules: x\n", path: "a.yml").problems.count == 1)
        #expect(AlertRuleCheck.check(text: "alerts: []\n", path: "a.yml").problems.first?.contains("groups") == true)
        #expect(
            AlertRuleCheck.check(
                text: "groups:\n  - name: g\n    rules:\n      - record: x\n        expr: up\n",
                path: "a.yml"
            )
            .problems.first?.contains("no alerting rule") == true
        )
    }
}
