// The PromQL parser, fed arbitrary bytes: it must return a tree or throw a PromQLError, never
// crash or hang; a tree it returns must print to text that parses back to the same tree.
//
// fuzz-sources: Sources/PromQL
// fuzz-seeds: Tests/PromQLTests/Cases/cases.json expr
// fuzz-dict: fuzz/promql.dict

import PromQL

@_cdecl("LLVMFuzzerTestOneInput")
public func promQLFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let tree = try PromQLParser.parse(text)
        _ = tree.type
        let printed = PromQLPrinter.print(tree)
        let reparsed: Expr
        do {
            reparsed = try PromQLParser.parse(printed)
        } catch {
            fatalError(
                "the printed form of \(String(reflecting: text)) does not parse: \(String(reflecting: printed)): \(error.message)"
            )
        }
        if reparsed != tree {
            fatalError("\(String(reflecting: text)) printed as \(String(reflecting: printed)) parses to another tree")
        }
    } catch {
        if error.position.line < 1 || error.position.column < 1 {
            fatalError("error without a position for \(String(reflecting: text)): \(error.message)")
        }
    }
    return 0
}
