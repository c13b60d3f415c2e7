/// How the apps write log lines (`LOG_FORMAT`).
public enum LogFormat: String, Sendable, Equatable, CaseIterable {
    /// One JSON object per line: `time`, `level`, `message`, `service`, then the metadata.
    case json
    /// swift-log's text lines: `time level label: metadata message`.
    case text
}
