/// The input errors: a file that cannot be checked at all. They make the exit code 2.
public enum InputProblem {
    /// `unreadable-file`: the file cannot be read.
    public static let unreadableFile = RuleDescription(
        id: "unreadable-file",
        severity: .error,
        summary: "the file cannot be read",
        hint: "Check the path and the file's permissions."
    )
    /// `invalid-json`: the file is not valid JSON.
    public static let invalidJSON = RuleDescription(
        id: "invalid-json",
        severity: .error,
        summary: "the file is not valid JSON",
        hint: "Export the dashboard again from Grafana (Share > Export > Save to file), or fix the file at the "
            + "line and column given."
    )
    /// `not-a-dashboard`: valid JSON that is not a Grafana dashboard.
    public static let notADashboard = RuleDescription(
        id: "not-a-dashboard",
        severity: .error,
        summary: "the JSON is not a Grafana dashboard",
        hint: "A dashboard export is an object with \"panels\" (and \"title\", \"schemaVersion\"); export it "
            + "from the dashboard's Share > Export menu."
    )
    /// `invalid-exclusions`: a `.dashboard-check.json` that cannot be used.
    public static let invalidExclusions = RuleDescription(
        id: "invalid-exclusions",
        severity: .error,
        summary: "the exclusions file cannot be used",
        hint: "Write {\"exclusions\": [{\"rule\": \"rate-interval\", \"panel\": \"Title\", \"reason\": \"why\"}]}."
    )

    /// The ids of the input errors.
    public static let ids: Set<String> = [
        unreadableFile.id, invalidJSON.id, notADashboard.id, invalidExclusions.id,
    ]
}
