import ExerciseGrading
import Foundation
import Testing

@Suite("The class matrix of workshop grade and dashboard-check grade")
struct GradeMatrixTests {
    let matrix = GradeMatrix(
        exercises: ["07-cache-miss-panel", "08-p95-latency"],
        rows: [
            GradeMatrix.Row(
                name: "alice",
                cells: [
                    "07-cache-miss-panel": .init(passed: true, reasons: []),
                    "08-p95-latency": .init(passed: false, reasons: ["panel \"p95\": avg over 3 instances"]),
                ]
            ),
            GradeMatrix.Row(
                name: "bob, \"the <builder>\"",
                cells: [
                    "07-cache-miss-panel": .init(passed: false, reasons: ["no panel"]),
                    "08-p95-latency": .init(passed: false, reasons: ["panel \"latency\": avg over 12 instances"]),
                ],
                note: "Sources/Junk.swift is 3046 KiB"
            ),
        ],
        rowTitle: "STUDENT"
    )

    @Test("the summary counts the same mistake once, whatever panel and numbers it names")
    func summary() {
        let summary = matrix.summary(of: "08-p95-latency")
        #expect(summary.passed == 0 && summary.total == 2 && summary.count == 2)
        #expect(summary.commonMistake == "panel \"p95\": avg over 3 instances")
        #expect(matrix.text(reasons: false).contains("08: 0 of 2 pass; most common mistake (2 of 2)"))
    }

    @Test("csv quotes what needs quoting, json and junit parse")
    func formats() throws {
        let csv = matrix.csv().split(separator: "\n").map(String.init)
        #expect(
            csv == [
                "student,07,08,passed,note", "alice,pass,fail,1,",
                "\"bob, \"\"the <builder>\"\"\",fail,fail,0,Sources/Junk.swift is 3046 KiB",
            ]
        )
        let json = try JSONSerialization.jsonObject(with: Data(matrix.json().utf8)) as? [String: Any]
        #expect((json?["students"] as? [[String: Any]])?.count == 2)
        let junit = matrix.junit()
        #expect(junit.contains("name=\"bob, &quot;the &lt;builder&gt;&quot;\""))
        #expect(junit.contains("<testsuites name=\"workshop\" tests=\"4\" failures=\"3\">"))
        #expect(!junit.contains("<builder>"))
    }

    @Test("with reasons, every reason of every failure is printed under its student")
    func reasons() {
        let text = matrix.text(reasons: true)
        #expect(text.contains("bob, \"the <builder>\":\n  Sources/Junk.swift is 3046 KiB\n  07: no panel\n  08: panel"))
        #expect(!matrix.text(reasons: false).contains("  07: no panel"))
    }
}
