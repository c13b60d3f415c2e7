import Foundation
import TestSupport
import Testing

@Suite("The offline HTML deck renders in a browser")
struct RenderTests {
    @Test("headless Chromium opens the built HTML file and reveal.js makes every slide of the Markdown")
    func chromiumCountsTheSlides() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slides-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = folder.appendingPathComponent("workshop.html")

        let build = try await ManagedProcess.capture(
            executable: ManagedProcess.locate("python3", debianPackage: "python3"),
            arguments: ["slides/scripts/build.py", "--out", html.path]
        )
        try #require(build.status == 0, "slides/scripts/build.py failed: \(build.standardError)")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(
            page.firstMatch(of: /(?:src|href)=["']?(?:https?:)?\/\//) == nil,
            "the page loads something from the network"
        )

        let chromium = try await ManagedProcess.capture(
            executable: ManagedProcess.locate("chromium", debianPackage: "chromium"),
            arguments: [
                "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                "--window-size=1280,720", "--virtual-time-budget=10000", "--dump-dom", html.absoluteString,
            ]
        )
        try #require(chromium.status == 0, "chromium failed: \(chromium.standardError.suffix(2000))")
        let dom = chromium.standardOutput
        let total = try #require(
            dom.firstMatch(of: /data-total-slides="(?<count>\d+)"/)?.output.count,
            "reveal.js did not finish initialising in Chromium (no data-total-slides on <body>)"
        )
        let deck = try Deck.load("slides/workshop.md")
        #expect(
            Int(total) == deck.slides.count,
            "Chromium shows \(total) slides; the Markdown has \(deck.slides.count)"
        )
        #expect(dom.contains("<h1"), "the rendered deck has no title heading")
        #expect(dom.contains("data:image/svg+xml;base64,"), "the pictures are not inlined")
        #expect(dom.contains("class=\"hljs"), "the code was not highlighted")
    }

    /// Screenshots of the title slide and the histogram slide, recorded as attachments:
    /// `swift test --filter RenderTests --attachments-path DIR` writes `title.png` and `histogram.png`
    /// into DIR (an existing folder) for a person to look at.
    @Test("headless Chromium screenshots the title slide and the histogram slide")
    func screenshotsOfKeySlides() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("slides-shots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = folder.appendingPathComponent("workshop.html")
        let build = try await ManagedProcess.capture(
            executable: ManagedProcess.locate("python3", debianPackage: "python3"),
            arguments: ["slides/scripts/build.py", "--out", html.path]
        )
        try #require(build.status == 0, "slides/scripts/build.py failed: \(build.standardError)")
        let deck = try Deck.load("slides/workshop.md")
        let histogram = try #require(
            deck.slides.firstIndex(where: { $0.heading?.contains("Cumulative and non-cumulative") == true }),
            "no histogram slide in the deck"
        )
        for (name, index) in [("title", 0), ("histogram", histogram)] {
            let picture = folder.appendingPathComponent("\(name).png")
            let run = try await ManagedProcess.capture(
                executable: ManagedProcess.locate("chromium", debianPackage: "chromium"),
                arguments: [
                    "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--user-data-dir=\(folder.appendingPathComponent("profile-\(name)").path)",
                    "--window-size=1280,720", "--virtual-time-budget=10000", "--screenshot=\(picture.path)",
                    html.absoluteString + "#/\(index)",
                ]
            )
            try #require(run.status == 0, "chromium failed: \(run.standardError.suffix(2000))")
            let data = try Data(contentsOf: picture)
            #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "the \(name) screenshot is not a PNG")
            // An empty dark page compresses to a few kilobytes; a slide with text or bars is far larger.
            #expect(data.count > 15_000, "the \(name) screenshot is \(data.count) bytes: the slide looks empty")
            Attachment.record([UInt8](data), named: "\(name).png")
        }
    }
}
