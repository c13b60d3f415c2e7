import Foundation

/// The inputs a libFuzzer target once stopped on, kept in `fuzz/crashers/<target>/` so tests replay them.
public enum FuzzCrashers {
    /// The folder of `target`'s crashers.
    public static func folder(of target: String) -> URL {
        Repository.path("fuzz/crashers/\(target)")
    }

    /// Every crasher of `target`, by file name in name order, its bytes read as UTF-8 (as the harnesses do).
    public static func inputs(of target: String) throws -> [(file: String, text: String)] {
        let folder = folder(of: target)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map { file in
            let bytes = try Data(contentsOf: folder.appendingPathComponent(file))
            return (file, String(decoding: bytes, as: UTF8.self))
        }
    }
}
