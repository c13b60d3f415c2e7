/// One thing a passing submission must contain. Three kinds, by which field is set:
/// - `query`: a panel with a target whose query has that shape and no error finding;
/// - `forbids`: no panel query with a finding of these lint rules (silenced ones included);
/// - `alertRule`: an alerting rule in the submission's rule files (graded by `ExerciseGrading`).
public struct Requirement: Sendable, Equatable {
    /// A short id (`cache-miss-rate`).
    public var id: String
    /// What is asked, for people.
    public var description: String
    /// The panel types accepted (`timeseries`, `stat`, ...); nil for any.
    public var panelTypes: [String]?
    /// The shape some node of the query must have.
    public var query: QueryPattern?
    /// True when the panel must show the matched node's value as it is: only parentheses, aggregations
    /// that keep values (`sum`, `avg`, `max`, ...), set operators and scaling by a positive number
    /// may stand above it (`rate(x[...]) * 0` or `rate(x[...]) > 1` do not show the rate).
    public var showsValue: Bool
    /// The reason printed when no panel has such a query.
    public var missing: String
    /// A looser shape (an attempt at the requirement); when a query has it but not `query`, the
    /// error found in that query is the reason given, as it teaches more than `missing`.
    public var attempt: QueryPattern?
    /// Known wrong answers, each with the reason it is wrong.
    public var mistakes: [Mistake]
    /// Lint rules that must find nothing in any panel.
    public var forbids: [String]
    /// Why the forbidden findings are wrong, appended to the reason.
    public var why: String?
    /// The alerting rule asked for.
    public var alertRule: AlertRuleRequirement?

    /// A known wrong answer: a query matching `pattern` fails with `reason`.
    public struct Mistake: Sendable, Equatable {
        /// The wrong shape (matched anywhere in the query).
        public var pattern: QueryPattern
        /// Why it is wrong, for the student.
        public var reason: String

        /// Makes a mistake.
        public init(pattern: QueryPattern, reason: String) {
            self.pattern = pattern
            self.reason = reason
        }
    }

    /// Makes a requirement.
    public init(
        id: String,
        description: String,
        panelTypes: [String]? = nil,
        query: QueryPattern?,
        showsValue: Bool = false,
        missing: String,
        attempt: QueryPattern? = nil,
        mistakes: [Mistake] = [],
        forbids: [String] = [],
        why: String? = nil,
        alertRule: AlertRuleRequirement? = nil
    ) {
        self.id = id
        self.description = description
        self.panelTypes = panelTypes
        self.query = query
        self.showsValue = showsValue
        self.missing = missing
        self.attempt = attempt
        self.mistakes = mistakes
        self.forbids = forbids
        self.why = why
        self.alertRule = alertRule
    }
}

/// An alerting rule an exercise asks for: `ratio > above`, held `for` a duration.
public struct AlertRuleRequirement: Sendable, Equatable {
    /// The shape of the compared expression (the left side of `>`).
    public var ratio: QueryPattern
    /// The threshold the alert compares with.
    public var above: Double
    /// How long the condition must hold, in seconds (the rule's `for:`).
    public var forSeconds: Int
    /// The duration as the requirements file writes it (`5m`).
    public var forText: String

    /// Makes an alert requirement.
    public init(ratio: QueryPattern, above: Double, forSeconds: Int, forText: String) {
        self.ratio = ratio
        self.above = above
        self.forSeconds = forSeconds
        self.forText = forText
    }
}
