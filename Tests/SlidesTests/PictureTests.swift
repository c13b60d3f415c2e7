import Foundation
import TestSupport
import Testing

@Suite("The pictures are drawn by the scripts in slides/scripts")
struct PictureTests {
    /// A fresh folder for one test's output.
    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "slides-pictures-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("the committed diagrams are what slides/scripts/diagrams.py draws")
    func diagramsAreCurrent() async throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try await ManagedProcess.capture(
            executable: ManagedProcess.locate("python3", debianPackage: "python3"),
            arguments: ["slides/scripts/diagrams.py", folder.path]
        )
        try #require(run.status == 0, "diagrams.py failed: \(run.standardError)")
        for name in ["architecture.svg", "containers-vs-vms.svg"] {
            let drawn = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let committed = try Repository.text("slides/images/\(name)")
            #expect(drawn == committed, "slides/images/\(name) is stale: run python3 slides/scripts/diagrams.py")
        }
    }

    @Test("the committed histogram picture is drawn from the committed scrape")
    func histogramIsCurrent() async throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("histogram-buckets.svg")
        let run = try await ManagedProcess.capture(
            executable: ManagedProcess.locate("python3", debianPackage: "python3"),
            arguments: ["slides/scripts/histogram.py", "slides/samples/metrics.txt", target.path]
        )
        try #require(run.status == 0, "histogram.py failed: \(run.standardError)")
        let drawn = try String(contentsOf: target, encoding: .utf8)
        #expect(
            drawn == (try Repository.text("slides/images/histogram-buckets.svg")),
            "slides/images/histogram-buckets.svg is stale: run python3 slides/scripts/histogram.py"
        )
    }

    @Test("the histogram picture shows the scrape's real request count")
    func histogramShowsTheScrape() throws {
        let scrape = try Repository.text("slides/samples/metrics.txt")
        var total = 0.0
        for line in scrape.split(separator: "\n")
        where line.hasPrefix("http_request_duration_seconds_bucket{")
            && line.contains("le=\"+Inf\"")
        {
            total += Double(line.split(separator: " ").last ?? "") ?? 0
        }
        let picture = try Repository.text("slides/images/histogram-buckets.svg")
        #expect(picture.contains("http_request_duration_seconds: \(Int(total)) requests"))
    }
}
