import AppMetrics
import Exposition
import Foundation
import TestSupport
import Testing

@Suite("The exposition samples on the slides come from a real scrape of instrumented-app")
struct SampleTests {
    static let scrapePath = "slides/samples/metrics.txt"
    static let regionsPath = "slides/samples/metric-types.txt"

    @Test("the committed scrape parses as exposition and holds every family instrumented-app exports")
    func scrapeHasEveryFamily() throws {
        let scrape = try Repository.text(Self.scrapePath)
        let families = try ExpositionParser.parse(scrape)
        let expected: [(String, MetricType)] = [
            (MetricNames.httpRequestsTotal, .counter),
            (MetricNames.httpRequestDurationSeconds, .histogram),
            (MetricNames.httpRequestDurationSummarySeconds, .summary),
            (MetricNames.httpRequestsInProgress, .gauge),
            (MetricNames.cacheMissTotal, .counter),
            (MetricNames.cacheHitTotal, .counter),
            (MetricNames.redisCommandDurationSeconds, .histogram),
            (MetricNames.processCPUSecondsTotal, .counter),
            (MetricNames.processResidentMemoryBytes, .gauge),
            (MetricNames.processStartTimeSeconds, .gauge),
        ]
        for (name, type) in expected {
            let family = families.family(named: name)
            #expect(family?.type == type, "\(Self.scrapePath) has no \(type.rawValue) \(name): run the refresh script")
        }
    }

    @Test("the scrape's counter, histogram and summary agree on every route, as only one real run makes them")
    func scrapeIsConsistent() throws {
        let families = try ExpositionParser.parse(try Repository.text(Self.scrapePath))
        let counted = families.samples(named: MetricNames.httpRequestsTotal)
        let routes = Set(counted.map { [$0.labels["method"] ?? "", $0.labels["handler"] ?? ""] })
        #expect(routes.count >= 4, "the scrape saw \(routes.count) routes: was loadgen run against the app?")
        let served = counted.reduce(0) { $0 + $1.value }
        #expect(served >= 1000, "the scrape counts \(served) requests: was loadgen run against the app?")
        for route in routes {
            let labels = ["method": route[0], "handler": route[1]]
            let total = families.samples(named: MetricNames.httpRequestsTotal, matching: labels)
                .reduce(0) { $0 + $1.value }
            let histogram = families.value(of: MetricNames.httpRequestDurationSeconds + "_count", labels: labels)
            let summary = families.value(of: MetricNames.httpRequestDurationSummarySeconds + "_count", labels: labels)
            #expect(histogram == total, "\(labels): histogram _count \(histogram ?? -1), counter \(total)")
            #expect(summary == total, "\(labels): summary _count \(summary ?? -1), counter \(total)")
        }
    }

    @Test("the per-type regions are what slides/scripts/refresh-samples cuts from the committed scrape")
    func regionsAreCutFromTheScrape() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slides-cut-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cut = folder.appendingPathComponent("metric-types.txt")
        let run = try await ManagedProcess.capture(
            executable: ManagedProcess.locate("python3", debianPackage: "python3"),
            arguments: ["slides/scripts/refresh-samples", "--cut", Self.scrapePath, "--out", cut.path]
        )
        try #require(run.status == 0, "refresh-samples --cut failed: \(run.standardError)")
        let isCurrent = try String(contentsOf: cut, encoding: .utf8) == (try Repository.text(Self.regionsPath))
        #expect(
            isCurrent,
            "\(Self.regionsPath) is not what refresh-samples cuts from \(Self.scrapePath): run slides/scripts/refresh-samples"
        )
        let scrapeLines = Set(try Repository.text(Self.scrapePath).split(separator: "\n"))
        for line in try Repository.text(Self.regionsPath).split(separator: "\n")
        where !line.hasPrefix("#") || line.hasPrefix("# TYPE ") || line.hasPrefix("# HELP ") {
            let isScraped = scrapeLines.contains(line)
            #expect(isScraped, "\(Self.regionsPath): `\(line)` is not a line of the scrape")
        }
    }

    @Test("every exposition block on the slides is taken from the scraped regions, one per metric type")
    func expositionBlocksNameTheScrape() throws {
        let deck = try Deck.load("slides/workshop.md")
        let exposition = deck.codeBlocks.filter { block in
            block.content.split(separator: "\n").contains { $0.hasPrefix("# TYPE ") || $0.hasPrefix("# HELP ") }
        }
        for block in exposition {
            #expect(
                block.source?.path == Self.regionsPath,
                "slides/workshop.md:\(block.line): exposition typed by hand; take it from \(Self.regionsPath)"
            )
        }
        let regions = Set(exposition.compactMap { $0.source?.region })
        #expect(regions == ["gauge", "counter", "summary", "histogram"])
    }

    static let verifyPath = "slides/samples/verify-03.txt"

    @Test("the failing `workshop verify 03` on the slides is what the tool prints on the starter today")
    func verifySampleIsCurrent() async throws {
        let sample = try MarkedRegion.extract(
            "verify-03",
            from: try Repository.text(Self.verifyPath),
            file: Self.verifyPath
        )
        var lines = sample.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(
            lines.first == "$ swift run workshop verify 03",
            "\(Self.verifyPath) does not start with the command"
        )
        lines.removeFirst()
        let run = try await ManagedProcess.capture(
            executable: try Repository.builtExecutable("workshop"),
            arguments: ["verify", "03"],
            environment: [
                "WORKSHOP_TARGET": "exercises",
                "WORKSHOP_GRADER": try Repository.builtExecutable("workshop-grader"),
                "REDIS_HOST": "",  // empty: the tool starts a Redis of its own, as on a student's laptop
            ],
            timeout: 300
        )
        #expect(run.status == 1, "verify 03 passes on the starter: \(run.standardOutput)\(run.standardError)")
        let printed = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let shown = printed.last == "" ? Array(printed.dropLast()) : printed
        let difference = SnippetCheck.firstDifference(
            expected: shown.joined(separator: "\n"),
            found: lines.joined(separator: "\n")
        )
        #expect(
            shown == lines,
            "\(Self.verifyPath) is not what `workshop verify 03` prints now (run slides/scripts/refresh-samples --verify-only)\n\(difference)"
        )
        let deck = try Deck.load("slides/workshop.md")
        #expect(deck.codeBlocks.contains { $0.source == SourceReference(path: Self.verifyPath, region: "verify-03") })
    }
}
