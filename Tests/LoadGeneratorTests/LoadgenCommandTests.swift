import Foundation
import LoadGenerator
import TestSupport
import Testing

@Suite("The loadgen command")
struct LoadgenCommandTests {
    @Test("--help and -h print the usage and the options, and exit 0", arguments: ["--help", "-h"])
    func help(flag: String) async throws {
        let loadgen = try Repository.builtExecutable("loadgen")
        let run = try await ManagedProcess.capture(executable: loadgen, arguments: [flag])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("USAGE: loadgen"))
        for option in ["--url", "--rate", "--duration", "--concurrency", "--errors", "--format"] {
            #expect(run.standardOutput.contains(option), "\(option) missing from the help")
        }
    }

    @Test("--format json prints a report a script can read, and exits 0")
    func jsonReport() async throws {
        let loadgen = try Repository.builtExecutable("loadgen")
        try await ItemsTestServer.withRunning { port, tally in
            let run = try await ManagedProcess.capture(
                executable: loadgen,
                arguments: [
                    "--url", "http://127.0.0.1:\(port)", "--duration", "1s", "--rate", "40", "--format", "json",
                    "--seed", "11", "--drain", "60s", "--concurrency", "4",
                ]
            )
            #expect(run.status == 0, "\(run.standardError)")
            let report = try JSONDecoder().decode(LoadReport.self, from: Data(run.standardOutput.utf8))
            #expect(report.sent == 40 && report.completed == 40)
            #expect(tally.requests == 40)
            #expect(run.standardError.isEmpty, "no progress bar when the output is not a terminal")
        }
    }

    @Test("repeated --url options get the requests in turn, and the report gives each server's share")
    func severalURLs() async throws {
        let loadgen = try Repository.builtExecutable("loadgen")
        try await ItemsTestServer.withRunning { first, firstTally in
            try await ItemsTestServer.withRunning { second, secondTally in
                let urls = ["http://127.0.0.1:\(first)", "http://127.0.0.1:\(second)"]
                let run = try await ManagedProcess.capture(
                    executable: loadgen,
                    arguments: [
                        "--url", urls[0], "--url", urls[1], "--duration", "1s", "--rate", "40", "--format", "json",
                        "--seed", "5", "--drain", "60s", "--concurrency", "4",
                    ]
                )
                #expect(run.status == 0, "\(run.standardError)")
                let report = try JSONDecoder().decode(LoadReport.self, from: Data(run.standardOutput.utf8))
                #expect(report.sent == 40 && report.completed == 40)
                #expect(firstTally.requests == 20 && secondTally.requests == 20)
                #expect(report.targets.map(\.url) == urls)
                #expect(report.targets.map(\.completed) == [20, 20])
                #expect(report.targets.map(\.latency.count) == [20, 20])
            }
        }
    }

    @Test("the table names what was sent, the statuses and the percentiles")
    func table() async throws {
        let loadgen = try Repository.builtExecutable("loadgen")
        try await ItemsTestServer.withRunning { port, _ in
            let run = try await ManagedProcess.capture(
                executable: loadgen,
                arguments: [
                    "--url", "http://127.0.0.1:\(port)", "--duration", "500ms", "--rate", "40", "--drain", "60s",
                    "--concurrency", "4",
                ]
            )
            #expect(run.status == 0, "\(run.standardError)")
            for line in ["sent                        20", "status 200", "latency p50", "latency p95", "latency p99"] {
                #expect(run.standardOutput.contains(line), "missing '\(line)' in:\n\(run.standardOutput)")
            }
        }
    }

    @Test("bad options exit 2 with a message on stderr")
    func badOptions() async throws {
        let loadgen = try Repository.builtExecutable("loadgen")
        for arguments in [["--rate", "0"], ["--duration", "soon"], ["--url", "ftp://x"], ["--bogus"]] {
            let run = try await ManagedProcess.capture(executable: loadgen, arguments: arguments)
            #expect(run.status == 2, "\(arguments)")
            #expect(!run.standardError.isEmpty && run.standardOutput.isEmpty, "\(arguments)")
        }
    }

    @Test("no answer at all exits 1")
    func unreachable() async throws {
        let loadgen = try Repository.builtExecutable("loadgen")
        let port = try FreePort.next()
        let run = try await ManagedProcess.capture(
            executable: loadgen,
            arguments: ["--url", "http://127.0.0.1:\(port)", "--duration", "200ms", "--rate", "10"]
        )
        #expect(run.status == 1)
        #expect(run.standardError.contains("no request"))
    }
}
