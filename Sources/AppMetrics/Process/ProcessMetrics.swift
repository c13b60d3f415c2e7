#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The standard `process_*` series of a Prometheus client, read from `/proc` at each scrape.
///
/// - `process_cpu_seconds_total`: user plus system CPU time (fields 14 and 15 of `/proc/self/stat`).
/// - `process_resident_memory_bytes`: resident set size (field 24, in pages).
/// - `process_virtual_memory_bytes`: virtual memory size (field 23).
/// - `process_open_fds`: entries of `/proc/self/fd`.
/// - `process_max_fds`: the soft limit on open files (`RLIMIT_NOFILE`).
/// - `process_start_time_seconds`: start time since the epoch (field 22 plus `btime` of `/proc/stat`).
///
/// On a system without `/proc` (macOS) only `process_max_fds` is written.
public struct ProcessMetrics: Sendable {
    /// The names of every series this type writes.
    public static let seriesNames = [
        MetricNames.processCPUSecondsTotal, MetricNames.processResidentMemoryBytes,
        MetricNames.processVirtualMemoryBytes, MetricNames.processOpenFDs, MetricNames.processMaxFDs,
        MetricNames.processStartTimeSeconds,
    ]

    /// One reading of the process's resources.
    public struct Reading: Sendable, Hashable {
        /// User plus system CPU time, in seconds.
        public var cpuSeconds: Double?
        /// Resident memory, in bytes.
        public var residentMemoryBytes: Double?
        /// Virtual memory, in bytes.
        public var virtualMemoryBytes: Double?
        /// Open file descriptors.
        public var openFDs: Double?
        /// The soft limit on open file descriptors.
        public var maxFDs: Double?
        /// The start time, in seconds since the Unix epoch.
        public var startTimeSeconds: Double?
    }

    /// Creates the collector.
    public init() {}

    /// Reads the current values; a value that cannot be read is nil.
    public func currentReading() -> Reading {
        var reading = Reading()
        reading.maxFDs = Self.maxFDs()
        reading.openFDs = Self.countOpenFDs()
        guard let stat = Self.readFile("/proc/self/stat"), let close = stat.lastIndex(of: ")") else {
            return reading
        }
        // The fields after the command name, which is in parentheses and may contain spaces: the first is
        // field 3 (state), so field N is at index N - 3.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        func field(_ number: Int) -> Double? {
            let index = number - 3
            return index < fields.count ? Double(fields[index]) : nil
        }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        if let user = field(14), let system = field(15), ticks > 0 {
            reading.cpuSeconds = (user + system) / ticks
        }
        reading.virtualMemoryBytes = field(23)
        reading.residentMemoryBytes = field(24).map { $0 * pageSize }
        if let start = field(22), let bootTime = Self.bootTime(), ticks > 0 {
            reading.startTimeSeconds = bootTime + start / ticks
        }
        return reading
    }

    /// Appends the series that could be read.
    public func emit(into buffer: inout [UInt8]) {
        let reading = currentReading()
        let series: [(String, String, String, Double?)] = [
            (
                MetricNames.processCPUSecondsTotal, "counter", "User and system CPU time spent, in seconds.",
                reading.cpuSeconds
            ),
            (
                MetricNames.processResidentMemoryBytes, "gauge", "Resident memory size, in bytes.",
                reading.residentMemoryBytes
            ),
            (
                MetricNames.processVirtualMemoryBytes, "gauge", "Virtual memory size, in bytes.",
                reading.virtualMemoryBytes
            ),
            (MetricNames.processOpenFDs, "gauge", "Number of open file descriptors.", reading.openFDs),
            (MetricNames.processMaxFDs, "gauge", "Maximum number of open file descriptors.", reading.maxFDs),
            (
                MetricNames.processStartTimeSeconds, "gauge",
                "Start time of the process since the Unix epoch, in seconds.", reading.startTimeSeconds
            ),
        ]
        for (name, type, help, value) in series {
            guard let value else { continue }
            ExpositionWriter.appendHeader(name: name, help: help, type: type, to: &buffer)
            ExpositionWriter.appendSample(name: name, suffix: "", renderedLabels: [], value: value, to: &buffer)
        }
    }

    private static func maxFDs() -> Double? {
        var limit = rlimit()
        #if canImport(Glibc)
            let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
            let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return nil }
        return Double(limit.rlim_cur)
    }

    private static func countOpenFDs() -> Double? {
        guard let directory = opendir("/proc/self/fd") else { return nil }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let isDot = withUnsafeBytes(of: entry.pointee.d_name) { name in
                name[0] == UInt8(ascii: ".") && (name[1] == 0 || (name[1] == UInt8(ascii: ".") && name[2] == 0))
            }
            if !isDot { count += 1 }
        }
        // The directory stream itself holds a descriptor while it is read.
        return Double(max(count - 1, 0))
    }

    /// `btime` of `/proc/stat`: the boot time in seconds since the epoch.
    private static func bootTime() -> Double? {
        guard let stat = readFile("/proc/stat") else { return nil }
        for line in stat.split(separator: "\n") where line.hasPrefix("btime ") {
            return Double(line.dropFirst("btime ".count).filter { $0 != " " })
        }
        return nil
    }

    /// Reads a whole file with `read(2)` (files under `/proc` report a size of 0, so their size cannot be asked).
    private static func readFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
