import AppMetrics
import Exposition
import Foundation
import Testing

@Suite("The process metrics")
struct ProcessMetricsTests {
    @Test("read plausible values for this process from /proc")
    func plausibleValues() throws {
        let reading = ProcessMetrics().currentReading()
        let resident = try #require(reading.residentMemoryBytes)
        let virtual = try #require(reading.virtualMemoryBytes)
        #expect(resident > 1_000_000, "a Swift test process uses more than 1 MB")
        #expect(virtual >= resident)
        let open = try #require(reading.openFDs)
        #expect(open >= 3, "stdin, stdout and stderr at least")
        #expect(try #require(reading.maxFDs) >= open)
        let start = try #require(reading.startTimeSeconds)
        let now = Date().timeIntervalSince1970
        #expect(start <= now + 1)
        #expect(start > now - 3600, "the test process started less than an hour ago")
        #expect(try #require(reading.cpuSeconds) >= 0)
    }

    @Test("write the six standard series with their types and help")
    func exposition() throws {
        var buffer: [UInt8] = []
        ProcessMetrics().emit(into: &buffer)
        let families = try ExpositionParser.parse(String(decoding: buffer, as: UTF8.self))
        #expect(
            families.map(\.name) == [
                "process_cpu_seconds_total", "process_resident_memory_bytes", "process_virtual_memory_bytes",
                "process_open_fds", "process_max_fds", "process_start_time_seconds",
            ]
        )
        #expect(families.map(\.type) == [.counter, .gauge, .gauge, .gauge, .gauge, .gauge])
        #expect(families.allSatisfy { ($0.help ?? "").isEmpty == false && $0.samples.count == 1 })
    }
}
