import Foundation

/// What `workshop-grader` found for one exercise, as it reports it to the program that ran it: one
/// line of standard output, `WORKSHOP-RESULT {"checksRun":3,"problems":[...]}`, after whatever the
/// student's code printed.
public struct GraderReport: Codable, Sendable, Equatable {
    /// The prefix of the report's line.
    public static let marker = "WORKSHOP-RESULT "

    /// How many checks ran.
    public var checksRun: Int
    /// The problems found, one sentence each.
    public var problems: [String]

    /// Makes a report.
    public init(checksRun: Int, problems: [String]) {
        self.checksRun = checksRun
        self.problems = problems
    }

    /// The report's line.
    public var line: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data("{\"checksRun\":0,\"problems\":[]}".utf8)
        return Self.marker + String(decoding: data, as: UTF8.self)
    }

    /// The last report line in `output`, or nil when there is none.
    public static func find(in output: String) -> GraderReport? {
        for line in output.split(separator: "\n").reversed() where line.hasPrefix(marker) {
            return try? JSONDecoder().decode(GraderReport.self, from: Data(line.dropFirst(marker.count).utf8))
        }
        return nil
    }
}
