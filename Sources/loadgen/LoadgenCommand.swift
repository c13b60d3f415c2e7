import ArgumentParser
import Foundation
import LoadGenerator

#if canImport(Glibc)
    import Glibc
#endif

/// `loadgen`: steady, realistic traffic for the workshop's apps, with a latency table at the end.
@main
struct LoadgenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadgen",
        abstract: "Sends a realistic mix of requests to the items API at a steady rate, then prints a summary.",
        discussion: """
            The mix: reads of keys this run wrote (hits), reads of missing keys (misses), writes, \
            lists, health checks and a few malformed requests the API must refuse with a 4xx. \
            Requests start on a fixed schedule (open loop) over at most --concurrency keep-alive \
            connections; a latency counts from the moment the schedule meant the request to start. \
            With --errors, every 20 s a 5 s burst makes half of the requests ones that fail; 5xx \
            answers come from the app's fault injection or from a stopped Redis.

            Several --url options spread the load over several instances: the requests go to them \
            in turn (round-robin), and the report gives each instance's latencies besides the \
            overall ones. --format json prints the report for scripts, latencies in seconds.

            Exit status: 0 when the run got answers, 1 when no request got an answer, 2 for bad options.
            """
    )

    @Option(help: "A server to load; repeat it to spread requests over several (default: http://localhost:9000).")
    var url: [String] = []

    @Option(help: "How long to start requests: 60s, 2m, 500ms or seconds.")
    var duration = "60s"

    @Option(help: "Requests started per second.")
    var rate = 50.0

    @Option(help: "The most requests in flight at once (one keep-alive connection each).")
    var concurrency = 64

    @Flag(help: "Add bursts of failing requests (5 s every 20 s).")
    var errors = false

    @Option(help: "Seed of the request mix: the same seed sends the same sequence.")
    var seed: UInt64 = 1

    @Option(help: "How long to wait for requests still in flight at the end: 5s, 500ms...")
    var drain = "5s"

    @Option(help: "table (for people) or json (for scripts and tests).")
    var format: OutputFormat = .table

    @Flag(help: "Never show the progress bar, even on a terminal.")
    var noProgress = false

    enum OutputFormat: String, ExpressibleByArgument {
        case table
        case json
    }

    static func main() async {
        let command: LoadgenCommand
        do {
            // `--help` parses to ArgumentParser's own help command, not to this one: running it throws
            // the request for help, answered below. (Taking it for a default `LoadgenCommand` read
            // options that were never parsed, and ArgumentParser ended the process.)
            var parsed = try parseAsRoot()
            guard let loadgen = parsed as? LoadgenCommand else {
                try parsed.run()
                Foundation.exit(0)
            }
            command = loadgen
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
        Foundation.exit(await command.execute())
    }

    func execute() async -> Int32 {
        let options: LoadOptions
        do {
            options = LoadOptions(
                targets: try (url.isEmpty ? ["http://localhost:9000"] : url).map(TargetURL.init(parsing:)),
                durationSeconds: try LoadOptions.parseDuration(duration),
                rate: rate,
                concurrency: concurrency,
                errorBursts: errors,
                seed: seed,
                drainSeconds: try LoadOptions.parseDuration(drain)
            )
            try options.validate()
        } catch {
            printError("loadgen: \(error)")
            return 2
        }
        let showProgress = format == .table && !noProgress && isatty(STDERR_FILENO) == 1
        var progress: (@Sendable (LoadProgress) -> Void)? = nil
        if showProgress {
            progress = { snapshot in
                let line = "\r" + snapshot.renderLine() + (snapshot.isFinal ? "\n" : "")
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
        let report: LoadReport
        do {
            report = try await LoadGenerator.run(options, progress: progress)
        } catch {
            printError("loadgen: \(error)")
            return 1
        }
        switch format {
        case .table:
            print(report.renderTable(), terminator: "")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            do {
                let data = try encoder.encode(report)
                print(String(decoding: data, as: UTF8.self))
            } catch {
                printError("loadgen: cannot encode the report: \(error)")
                return 1
            }
        }
        if report.completed == 0 {
            printError("loadgen: no request to \(report.target) got an answer")
            return 1
        }
        return 0
    }

    func run() async throws {
        let status = await execute()
        if status != 0 { throw ExitCode(status) }
    }

    private func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
