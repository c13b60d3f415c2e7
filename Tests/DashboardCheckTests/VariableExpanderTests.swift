import DashboardCheck
import Testing

@Suite("Variable expansion before parsing")
struct VariableExpanderTests {
    private func expander(_ variables: [TemplateVariable]) -> VariableExpander {
        VariableExpander(dashboard: Dashboard(title: "T", variables: variables))
    }

    @Test("built-ins get values that parse, and are remembered as built-ins")
    func builtins() {
        let expanded = expander([]).expand("rate(x[$__rate_interval]) * $__range_s / ${__interval_ms} + [[__range_ms]]")
        #expect(expanded.text == "rate(x[1m]) * 21600 / 15000 + 21600000")
        #expect(
            expanded.substitutions.map(\.variable) == ["__rate_interval", "__range_s", "__interval_ms", "__range_ms"]
        )
        #expect(expanded.substitutions.allSatisfy { $0.isBuiltin })
    }

    @Test("dashboard variables take their current value, else their first option, else a placeholder")
    func dashboardVariables() {
        let expander = expander([
            TemplateVariable(name: "job", type: "query", currentValues: ["app"]),
            TemplateVariable(name: "env", type: "custom", options: ["prod", "dev"]),
            TemplateVariable(name: "window", type: "interval", currentValues: ["auto"]),
        ])
        let expanded = expander.expand(#"rate(x{job="$job", env="${env}", zone="$zone"}[$window]) offset $shift"#)
        #expect(expanded.text == #"rate(x{job="app", env="prod", zone="zone"}[1m]) offset 5m"#)
        #expect(expanded.substitutions.map(\.variable) == ["job", "env", "zone", "window", "shift"])
        #expect(!expanded.substitutions.contains { $0.isBuiltin })
    }

    @Test("All and multi-value variables become a regex alternation; formats are applied")
    func multiValues() {
        let expander = expander([
            TemplateVariable(
                name: "handler",
                type: "query",
                currentValues: ["$__all"],
                options: ["$__all", "/items", "/"]
            ),
            TemplateVariable(name: "status", type: "custom", currentValues: ["200", "500"]),
        ])
        #expect(expander.expand(#"x{handler=~"$handler"}"#).text == #"x{handler=~"(/items|/)"}"#)
        #expect(expander.expand(#"x{status=~"${status:pipe}"}"#).text == #"x{status=~"200|500"}"#)
        #expect(expander.expand(#"x{status=~"${status:csv}"}"#).text == #"x{status=~"200,500"}"#)
    }

    @Test("offsets map back from the expanded text to the original")
    func offsetMapping() {
        let expanded = expander([]).expand("rate(x[$__rate_interval]) > bad")
        // "bad" starts at 28 in the original and at 14 in "rate(x[1m]) > bad".
        #expect(expanded.originalOffset(of: 14) == 28)
        // Inside a replaced value, the offset maps to the reference's start.
        #expect(expanded.originalOffset(of: 8) == 7)
        #expect(expanded.originalOffset(of: 3) == 3)
    }

    @Test("a dollar that is not a variable (a regex anchor) stays as written")
    func dollarsInRegexes() {
        let expanded = expander([]).expand(#"x{path=~"^/items$", b=~"a$|b"}"#)
        #expect(expanded.text == #"x{path=~"^/items$", b=~"a$|b"}"#)
        #expect(expanded.substitutions.isEmpty)
    }

    @Test("a value with a quote is escaped so the string stays closed")
    func quotes() {
        let expander = expander([TemplateVariable(name: "q", type: "textbox", currentValues: [#"a"b"#])])
        #expect(expander.expand(#"x{l="$q"}"#).text == #"x{l="a\"b"}"#)
    }

    @Test("a quote or a regex metacharacter followed by a combining mark is still escaped")
    func combiningMarks() {
        // "\u{301}" combines with the character before it into one Character; escaping works on scalars.
        let expander = expander([
            TemplateVariable(name: "q", type: "textbox", currentValues: ["a\"\u{301}b"]),
            TemplateVariable(name: "m", type: "custom", currentValues: ["(\u{301}", "x"]),
        ])
        #expect(expander.expand(#"x{l="$q"}"#).text == "x{l=\"a\\\"\u{301}b\"}")
        // The regex escape `\(` is itself escaped inside the PromQL string: `\\(`.
        #expect(expander.expand(#"x{l=~"$m"}"#).text == "x{l=~\"(\\\\(\u{301}|x)\"}")
    }
}
