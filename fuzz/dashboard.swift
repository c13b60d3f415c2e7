// Dashboard JSON loading, fed arbitrary bytes: the JSON reader must return a tree or throw a
// JSONReadError whose offset, line and column point into the input; the whole lint of the bytes
// (reading, loading every Grafana export shape, variable expansion, PromQL parsing, the rules) and
// the text and JSON reports of it must finish without crashing, every finding at a valid position.
//
// fuzz-sources: Sources/PromQL Sources/Exposition Sources/DashboardCheck
// fuzz-seeds: Tests/DashboardCheckTests/Fixtures
// fuzz-dict: fuzz/dashboard.dict

import DashboardCheck
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func dashboardFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        _ = try JSONReader.parse(bytes)
    } catch {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
        if error.offset < 0 || error.offset > bytes.count || error.line < 1 || error.line > lines || error.column < 1 {
            fatalError(
                "error outside the input (\(bytes.count) bytes, \(lines) lines): \(error) for \(describe(bytes))"
            )
        }
    }
    let report = Linter().lint(bytes: bytes, path: "fuzz.json")
    for finding in report.findings {
        if let position = finding.position, position.line < 1 || position.column < 1 {
            fatalError("finding at \(position.line):\(position.column): \(finding.message) for \(describe(bytes))")
        }
        if let range = finding.expressionRange, let expression = finding.expression,
            range.lowerBound < 0 || range.upperBound > expression.utf8.count + 1
        {
            fatalError("range \(range) outside \(String(reflecting: expression)) for \(describe(bytes))")
        }
    }
    _ = TextReporter(usesColor: false).lint([report])
    let json = JSONReporter.lint([report])
    if (try? JSONSerialization.jsonObject(with: Data(json.utf8))) == nil {
        fatalError("the JSON report is not JSON: \(json.prefix(500)) for \(describe(bytes))")
    }
    return 0
}

private func describe(_ bytes: [UInt8]) -> String {
    String(reflecting: String(decoding: bytes.prefix(2000), as: UTF8.self))
}
