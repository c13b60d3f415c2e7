import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// `./scripts/dev-up`, started as a student starts it (from the repository's top folder, in the
/// foreground), with every port moved to a free one through its variables and the apps already built
/// (`--bin-dir`, the folder of the tests' own build). It is stopped with SIGINT, as Ctrl-C does.
@Suite("dev-up: the workshop's stack without Docker")
struct DevUpTests {
    /// The ports of one run, each taken from the kernel's free ports.
    struct Ports {
        var redis: Int
        var reference: [Int]
        var workshopApp: Int
        var prometheus: Int

        static func free() throws -> Ports {
            var seen = Set<Int>()
            while seen.count < 6 { seen.insert(try FreePort.next()) }
            let ports = Array(seen)
            return Ports(redis: ports[0], reference: Array(ports[1...3]), workshopApp: ports[4], prometheus: ports[5])
        }

        var environment: [String: String] {
            [
                "REDIS_PORT": "\(redis)", "REFERENCE_PORT": "\(reference[0])", "REFERENCE_PORT_2": "\(reference[1])",
                "REFERENCE_PORT_3": "\(reference[2])", "WORKSHOP_APP_PORT": "\(workshopApp)",
                "PROMETHEUS_PORT": "\(prometheus)",
            ]
        }

        var apps: [Int] { reference + [workshopApp] }
    }

    /// A temporary data folder and the variables that point dev-up at it and at `ports`.
    static func environment(_ ports: Ports, data: URL, extra: [String: String] = [:]) -> [String: String] {
        ports.environment
            .merging(["DEV_UP_DIR": data.path, "WORKSHOP_TARGET": "solutions", "CHECK_AFTER": "8"]) { $1 }
            .merging(extra) { $1 }
    }

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("infraobs-dev-up-\(UUID().uuidString.prefix(8))")
    }

    /// Starts dev-up with `arguments` after `--bin-dir`.
    static func launch(_ arguments: [String], environment: [String: String]) throws -> ManagedProcess {
        let binDir = URL(fileURLWithPath: try Repository.builtExecutable("instrumented-app"))
            .deletingLastPathComponent().path
        return try ManagedProcess.launch(
            executable: Repository.path("scripts/dev-up").path,
            arguments: ["--bin-dir", binDir] + arguments,
            environment: environment,
            currentDirectory: Repository.root
        )
    }

    /// Waits until `condition` holds, checking every 200 ms for at most `seconds`; true if it held.
    static func wait(_ seconds: Double, until condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(nanoseconds: 200_000_000)
        }
        return try await condition()
    }

    /// The PIDs and program names (the last part of the first argument) of the processes whose parent
    /// is `parent`, from /proc.
    static func children(of parent: Int32) -> [(pid: Int32, name: String)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let pid = Int32(entry),
                let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")"),
                let arguments = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { return nil }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 1, Int32(fields[1]) == parent else { return nil }
            let program = String(decoding: arguments.prefix { $0 != 0 }, as: UTF8.self)
            return (pid, URL(fileURLWithPath: program).lastPathComponent)
        }
    }

    /// Whether a process with this PID still exists (a zombie counts: nobody reaped it).
    static func exists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }

    /// Sends SIGINT to dev-up and requires that it exits, and that none of `children` and none of
    /// `ports` is left behind.
    static func interruptAndExpectNothingLeft(
        _ devUp: ManagedProcess,
        children: [(pid: Int32, name: String)],
        ports: [Int]
    ) async throws {
        devUp.send(SIGINT)
        let exited = try await wait(30) { devUp.exitStatusIfExited() != nil }
        #expect(exited, "dev-up did not exit within 30 s of SIGINT:\n\(devUp.log().suffix(3000))")
        #expect(devUp.exitStatusIfExited() == 130, "dev-up's status after SIGINT:\n\(devUp.log().suffix(2000))")
        let left = children.filter { exists($0.pid) }
        #expect(left.isEmpty, "processes left behind after SIGINT: \(left)")
        let open = ports.filter { FreePort.isAccepting($0) }
        #expect(open.isEmpty, "ports still accepting connections after SIGINT: \(open)")
    }

    @Test(
        "every service answers, Prometheus scrapes the four app targets with the student's rules loaded, --load and --check run, SIGINT leaves nothing behind"
    )
    func wholeStack() async throws {
        let ports = try Ports.free()
        let data = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let started = Date()
        let devUp = try Self.launch(["--load", "--check"], environment: Self.environment(ports, data: data))
        defer { devUp.stop() }

        let allPorts = [ports.redis, ports.prometheus] + ports.apps
        let answering = try await Self.wait(90) {
            allPorts.allSatisfy { FreePort.isAccepting($0) } || devUp.exitStatusIfExited() != nil
        }
        let seconds = Date().timeIntervalSince(started)
        #expect(
            answering && devUp.isRunning,
            "not every port answered within 90 s (\(allPorts)):\n\(devUp.log().suffix(4000))"
        )
        guard answering, devUp.isRunning else { return }
        for port in ports.apps {
            let answer = try HTTPProbe.request("GET", "/", port: port)
            #expect(answer.status == 200, "GET / on \(port): \(answer.status) \(answer.body)")
        }
        let ready = try HTTPProbe.request("GET", "/-/ready", port: ports.prometheus)
        #expect(ready.status == 200, "Prometheus /-/ready: \(ready.status) \(ready.body)")

        // Every target of the two jobs (three reference instances, workshop-app) scraped and up, each on
        // the port dev-up was told.
        let expectedTargets = Set(ports.apps.map { "http://127.0.0.1:\($0)/metrics" })
        var health: [String: String] = [:]
        _ = try await Self.wait(40) {
            health = try await Self.targetHealth(prometheus: ports.prometheus)
            return Set(health.keys) == expectedTargets && health.values.allSatisfy { $0 == "up" }
        }
        #expect(Set(health.keys) == expectedTargets, "Prometheus's targets: \(health)")
        #expect(health.values.allSatisfy { $0 == "up" }, "Prometheus's targets: \(health)")

        // The reference rules and the student's rules (Solutions/rules with WORKSHOP_TARGET=solutions),
        // the latter read through the folder ../../Exercises/rules of the stack's prometheus.yml.
        let rules = try await Self.ruleFiles(prometheus: ports.prometheus)
        for name in try LoopbackPrometheusConfig.alertNames(in: "Solutions/rules") {
            #expect(
                rules[name]?.hasSuffix("/Exercises/rules/alerts.yml") == true,
                "the student's alert \(name) is not loaded from Exercises/rules: \(rules)"
            )
        }
        for name in try LoopbackPrometheusConfig.recordingRuleNames(studentRules: "Solutions/rules") {
            #expect(rules[name] != nil, "the recording rule \(name) is not loaded: \(rules.keys.sorted())")
        }

        // --check lints the student's dashboard once the stack has run CHECK_AFTER seconds.
        let checked = try await Self.wait(90) { devUp.log().contains("dev-up: dashboard check:") }
        #expect(checked, "--check printed no result:\n\(devUp.log().suffix(3000))")

        let children = Self.children(of: devUp.pid)
        let names = children.map(\.name)
        for name in ["redis-server", "instrumented-app", "workshop-app", "prometheus", "loadgen"] {
            // redis-server rewrites its title to "redis-server host:port".
            #expect(names.contains { $0.hasPrefix(name) }, "dev-up has no child \(name): \(names)")
        }
        #expect(names.filter { $0 == "instrumented-app" }.count == 3, "dev-up's children: \(names)")
        try await Self.interruptAndExpectNothingLeft(devUp, children: children, ports: allPorts)
        #expect(
            !FileManager.default.fileExists(atPath: data.path),
            "the data folder is still there without --keep-data: \(data.path)"
        )
        print("dev-up: every port answered \(String(format: "%.1f", seconds)) s after the start (--bin-dir, no build)")
    }

    @Test("a taken port is named with what holds it and the variable that moves it; nothing starts")
    func takenPort() async throws {
        let ports = try Ports.free()
        let holder = try ListeningSocket(port: ports.prometheus)
        defer { holder.close() }
        let data = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let devUp = try Self.launch([], environment: Self.environment(ports, data: data))
        defer { devUp.stop() }
        let exited = try await Self.wait(60) { devUp.exitStatusIfExited() != nil }
        let log = devUp.log()
        #expect(exited && devUp.exitStatusIfExited() == 1, "dev-up with a taken port:\n\(log.suffix(3000))")
        #expect(log.contains("port \(ports.prometheus) is taken by"), "\(log.suffix(3000))")
        #expect(log.contains("PROMETHEUS_PORT="), "\(log.suffix(3000))")
        if (try? ManagedProcess.locate("ss", debianPackage: "iproute2")) != nil {
            #expect(log.contains("(pid \(getpid()))"), "ss could name this process:\n\(log.suffix(3000))")
        }
        #expect(log.contains("nothing was started"), "\(log.suffix(3000))")
        #expect(ports.apps.allSatisfy { !FreePort.isAccepting($0) }, "an app was started after all")
    }

    @Test("without Prometheus it says how to install it on Debian and macOS and starts the rest")
    func withoutPrometheus() async throws {
        let ports = try Ports.free()
        let data = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let devUp = try Self.launch(
            [],
            environment: Self.environment(ports, data: data, extra: ["PROMETHEUS_BIN": "/nonexistent/prometheus"])
        )
        defer { devUp.stop() }
        let printed = try await Self.wait(90) {
            devUp.log().contains("stop everything:") || devUp.exitStatusIfExited() != nil
        }
        let log = devUp.log()
        #expect(printed && devUp.isRunning, "dev-up without Prometheus:\n\(log.suffix(3000))")
        #expect(log.contains("sudo apt-get install prometheus"), "\(log.suffix(3000))")
        #expect(log.contains("brew install prometheus"), "\(log.suffix(3000))")
        for port in ports.apps {
            #expect(FreePort.isAccepting(port), "nothing answers on \(port):\n\(log.suffix(3000))")
        }
        #expect(!FreePort.isAccepting(ports.prometheus), "something answers on Prometheus's port")
        let children = Self.children(of: devUp.pid)
        try await Self.interruptAndExpectNothingLeft(devUp, children: children, ports: [ports.redis] + ports.apps)
    }

    /// The `health` of every active target of Prometheus on `prometheus`, by scrape URL.
    static func targetHealth(prometheus: Int) async throws -> [String: String] {
        let data = try await apiData(prometheus: prometheus, "/api/v1/targets?state=active")
        var health: [String: String] = [:]
        for target in data["activeTargets"] as? [[String: Any]] ?? [] {
            if let url = target["scrapeUrl"] as? String { health[url] = target["health"] as? String }
        }
        return health
    }

    /// The file each loaded rule (alerting or recording) comes from, by rule name.
    static func ruleFiles(prometheus: Int) async throws -> [String: String] {
        let data = try await apiData(prometheus: prometheus, "/api/v1/rules")
        var files: [String: String] = [:]
        for group in data["groups"] as? [[String: Any]] ?? [] {
            for rule in group["rules"] as? [[String: Any]] ?? [] {
                if let name = rule["name"] as? String { files[name] = group["file"] as? String ?? "" }
            }
        }
        return files
    }

    /// The `data` object of Prometheus's answer to `path` (its API answers in chunks, hence URLSession).
    static func apiData(prometheus: Int, _ path: String) async throws -> [String: Any] {
        guard let url = URL(string: "http://127.0.0.1:\(prometheus)\(path)") else {
            throw TestSupportError("not a valid request path: \(path)")
        }
        let (body, response) = try await URLSession.shared.data(from: url)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let document = try JSONSerialization.jsonObject(with: body) as? [String: Any]
        guard status == 200, let data = document?["data"] as? [String: Any] else {
            throw TestSupportError("Prometheus \(path): \(status) \(String(decoding: body.prefix(500), as: UTF8.self))")
        }
        return data
    }
}

/// A socket listening on 127.0.0.1:`port` that never accepts: the port is taken, as by another program.
final class ListeningSocket: @unchecked Sendable {
    private let fd: Int32

    init(port: Int) throws {
        // Close-on-exec: only this process holds the port, not the processes the test starts.
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestSupportError("socket() failed: errno \(errno)") }
        var address = FreePort.loopbackAddress(port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            Glibc.close(fd)
            throw TestSupportError("cannot listen on 127.0.0.1:\(port): errno \(errno)")
        }
    }

    func close() { Glibc.close(fd) }
}
