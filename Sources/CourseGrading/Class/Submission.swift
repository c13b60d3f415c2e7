import Course
import Foundation

/// One student's submission, read defensively: the files of their `Exercises/` folder that grading
/// needs (the module's Swift files, the dashboard, the rule files), and what is wrong with it.
///
/// A submission is a folder named after the student holding their `Exercises/` folder, or a whole
/// checkout with `Exercises/` inside (at most three folders down, as an unzipped download has it).
/// Symbolic links are never followed, files over `Limits.fileBytes` are not read, and the number of
/// files read is bounded, so a broken or hostile submission costs a line in the table, not the run.
public struct Submission: Sendable {
    /// What is read at most.
    public struct Limits: Sendable {
        /// The largest file read.
        public var fileBytes = 256 * 1024
        /// The most Swift files read from `Exercises/Sources`.
        public var swiftFiles = 64
        /// The most rule files read from `Exercises/rules`.
        public var ruleFiles = 16

        /// The default limits.
        public init() {}
    }

    /// The student's name: the folder's name.
    public var name: String
    /// The Swift files of the student's module, by path relative to `Exercises/Sources`.
    public var sources: [String: Data] = [:]
    /// `Exercises/dashboards/workshop.json`, when there is one.
    public var dashboard: Data?
    /// The rule files of `Exercises/rules`, by file name.
    public var rules: [String: Data] = [:]
    /// Problems with the submission as a whole, one sentence each.
    public var problems: [String] = []
    /// True when no `Exercises/` folder was found at all.
    public var isEmpty = false

    /// The student folders of `folder`: its subfolders, sorted by name (hidden ones skipped).
    public static func folders(in folder: String) throws(ExerciseError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw ExerciseError("cannot read the submissions folder \(folder): \(error.localizedDescription)")
        }
        return names.filter { !$0.hasPrefix(".") }.sorted().filter { name in
            Entry.kind(of: folder + "/" + name) == .directory
        }
    }

    /// Reads the submission in `folder`.
    public static func read(_ folder: String, limits: Limits = Limits()) -> Submission {
        var submission = Submission(name: URL(fileURLWithPath: folder).lastPathComponent)
        guard let exercises = locateExercises(in: folder, problems: &submission.problems) else {
            submission.isEmpty = true
            submission.problems.append(
                "no Exercises folder in the submission (expected \(submission.name)/Exercises/ or the contents "
                    + "of Exercises/: Sources/, dashboards/, rules/)"
            )
            return submission
        }
        let shown = exercises == folder ? "" : String(exercises.dropFirst(folder.count + 1)) + "/"
        submission.readSources(exercises + "/Sources", shown: shown + "Sources", limits: limits)
        let dashboard = exercises + "/dashboards/workshop.json"
        switch Entry.kind(of: dashboard) {
        case .file:
            submission.dashboard = submission.readFile(dashboard, shown: shown + "dashboards/workshop.json", limits)
        case .symlink:
            submission.problems.append("\(shown)dashboards/workshop.json is a symbolic link; it was not read")
        default:
            break
        }
        submission.readRules(exercises + "/rules", shown: shown + "rules", limits: limits)
        return submission
    }

    /// The folder holding the student's exercise files: `Exercises/` in `folder` or below it, or
    /// `folder` itself when it looks like one.
    static func locateExercises(in folder: String, problems: inout [String]) -> String? {
        func looksLikeExercises(_ path: String) -> Bool {
            ["Sources", "dashboards", "rules"].contains { Entry.kind(of: path + "/" + $0) == .directory }
        }
        if looksLikeExercises(folder) && Entry.kind(of: folder + "/Exercises") != .directory { return folder }
        var level = [folder]
        for _ in 0..<3 {
            var next: [String] = []
            for parent in level {
                let candidate = parent + "/Exercises"
                switch Entry.kind(of: candidate) {
                case .directory: return candidate
                case .symlink:
                    problems.append("\(candidate.dropFirst(folder.count + 1)) is a symbolic link; it was not followed")
                default: break
                }
                let children = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
                next += children.sorted().filter { !$0.hasPrefix(".") }.prefix(32).map { parent + "/" + $0 }
                    .filter { Entry.kind(of: $0) == .directory }
            }
            level = next
        }
        return nil
    }

    mutating func readSources(_ folder: String, shown: String, limits: Limits) {
        guard Entry.kind(of: folder) == .directory else { return }
        var pending = [(path: folder, relative: "", depth: 0)]
        var skipped = 0
        while let (path, relative, depth) = pending.popLast() {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                let child = path + "/" + name
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                switch Entry.kind(of: child) {
                case .directory where depth < 3:
                    pending.append((child, childRelative, depth + 1))
                case .file where name.hasSuffix(".swift"):
                    guard sources.count < limits.swiftFiles else {
                        skipped += 1
                        continue
                    }
                    if let data = readFile(child, shown: shown + "/" + childRelative, limits) {
                        sources[childRelative] = data
                    }
                case .symlink:
                    problems.append("\(shown)/\(childRelative) is a symbolic link; it was not read")
                default:
                    break
                }
            }
        }
        if skipped > 0 {
            problems.append("\(shown) has more than \(limits.swiftFiles) Swift files; \(skipped) were not read")
        }
    }

    mutating func readRules(_ folder: String, shown: String, limits: Limits) {
        guard Entry.kind(of: folder) == .directory else { return }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
        for name in names.prefix(limits.ruleFiles) {
            switch Entry.kind(of: folder + "/" + name) {
            case .file:
                if let data = readFile(folder + "/" + name, shown: shown + "/" + name, limits) { rules[name] = data }
            case .symlink:
                problems.append("\(shown)/\(name) is a symbolic link; it was not read")
            default:
                break
            }
        }
    }

    /// The file's bytes, or nil (with the problem noted) when it is too big or unreadable.
    mutating func readFile(_ path: String, shown: String, _ limits: Limits) -> Data? {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= limits.fileBytes else {
            problems.append(
                "\(shown) is \(size / 1024) KiB, over the \(limits.fileBytes / 1024) KiB a file may have; it was not read"
            )
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append("\(shown) cannot be read")
            return nil
        }
        return data
    }

    /// What a path is, without following a symbolic link.
    enum Entry: Equatable {
        case file, directory, symlink, other, missing

        static func kind(of path: String) -> Entry {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return .missing }
            switch attributes[.type] as? FileAttributeType {
            case .typeRegular?: return .file
            case .typeDirectory?: return .directory
            case .typeSymbolicLink?: return .symlink
            default: return .other
            }
        }
    }
}
