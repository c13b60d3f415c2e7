import Course
import Foundation

/// A copy of the package in which one student's files at a time are built and graded, so the
/// instructor's checkout is never touched. It lives in `.build-grade/package` and keeps its build
/// folder between students and between runs: files are written only when their content changes, so
/// after the first build only the student's module (and what links it) is compiled again.
struct ScratchPackage {
    /// The repository graded from (its manifest, requirements, starters and package).
    let source: RepositoryLayout
    /// The copy's root.
    let root: String

    init(source: RepositoryLayout) {
        self.source = source
        root = source.path(".build-grade/package")
    }

    var layout: RepositoryLayout { RepositoryLayout(root: root) }

    /// Takes the copy for this process: two `workshop grade` runs in one checkout would overwrite each
    /// other's students. A lock left by a process that is gone is taken over.
    func lock() throws(ExerciseError) {
        try createFolder(root)
        let path = root + "/../lock"
        let mine = "\(getpid())"
        for _ in 0..<2 {
            if FileManager.default.createFile(atPath: path + ".new-\(mine)", contents: Data(mine.utf8)),
                (try? FileManager.default.linkItem(atPath: path + ".new-\(mine)", toPath: path)) != nil
            {
                try? FileManager.default.removeItem(atPath: path + ".new-\(mine)")
                return
            }
            try? FileManager.default.removeItem(atPath: path + ".new-\(mine)")
            let holder = (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int32($0) }
            if let holder, holder != getpid(), kill(holder, 0) == 0 || errno == EPERM {
                throw ExerciseError(
                    "another workshop grade (pid \(holder)) is grading in this checkout; wait for it to finish"
                )
            }
            try? FileManager.default.removeItem(atPath: path)
        }
        throw ExerciseError("cannot take \(path)")
    }

    /// Gives the copy back.
    func unlock() {
        let path = root + "/../lock"
        if (try? String(contentsOfFile: path, encoding: .utf8)) == "\(getpid())" {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// Brings the copy up to date with the repository: the manifest, every module, the references, the
    /// exercise suites the manifest declares, and the course files.
    func prepare(manifest: ExerciseManifest) throws(ExerciseError) {
        try createFolder(root)
        for file in ["Package.swift", "Package.resolved"]
        where FileManager.default.fileExists(atPath: source.path(file)) {
            try write(source.path(file), to: root + "/" + file)
        }
        for folder in ["Sources", "Solutions", "Tests/ExerciseTests"] {
            try Self.sync(from: source.path(folder), to: root + "/" + folder)
        }
        try write(source.path(ExerciseManifest.relativePath), to: root + "/" + ExerciseManifest.relativePath)
        for exercise in manifest.exercises {
            let requirements = source.folder(of: exercise) + "/requirements.json"
            if FileManager.default.fileExists(atPath: requirements) {
                try write(requirements, to: layout.folder(of: exercise) + "/requirements.json")
            }
        }
    }

    /// Puts a student's files where a student's are: their module's Swift files (the starter, or the
    /// repository's own file, for any they lack), their dashboard and their rule files.
    ///
    /// - Returns: the repository-relative paths of the starter files the submission lacked.
    func install(_ submission: Submission, manifest: ExerciseManifest) throws(ExerciseError) -> [String] {
        var files = submission.sources.mapValues { $0 }
        var missing: [String] = []
        let shipped = (try? FileManager.default.contentsOfDirectory(atPath: source.path("Exercises/Sources"))) ?? []
        for name in shipped where name.hasSuffix(".swift") && files[name] == nil {
            let file = "Exercises/Sources/" + name
            let isStarter = manifest.exercises.contains { $0.files.contains(file) }
            if isStarter { missing.append(file) }
            let original = isStarter ? Starters.copy(of: file).map(source.path) : source.path(file)
            if let original, let data = FileManager.default.contents(atPath: original) { files[name] = data }
        }
        try Self.replace(folder: root + "/Exercises/Sources", with: files)
        var dashboards: [String: Data] = [:]
        if let dashboard = submission.dashboard { dashboards["workshop.json"] = dashboard }
        try Self.replace(folder: root + "/Exercises/dashboards", with: dashboards)
        try Self.replace(folder: root + "/Exercises/rules", with: submission.rules)
        return missing
    }

    // MARK: Files

    private func write(_ from: String, to destination: String) throws(ExerciseError) {
        guard let data = FileManager.default.contents(atPath: from) else {
            throw ExerciseError("cannot read \(from)")
        }
        try Self.write(data, to: destination)
    }

    private func createFolder(_ path: String) throws(ExerciseError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ExerciseError("cannot create \(path): \(error.localizedDescription)")
        }
    }

    /// Writes `data` unless the file already holds exactly that (its date then stays as it is).
    static func write(_ data: Data, to path: String) throws(ExerciseError) {
        if FileManager.default.contents(atPath: path) == data { return }
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ExerciseError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Makes `folder` hold exactly `files` (paths relative to it).
    static func replace(folder: String, with files: [String: Data]) throws(ExerciseError) {
        for (relative, data) in files { try write(data, to: folder + "/" + relative) }
        for existing in allFiles(in: folder) where files[existing] == nil {
            try? FileManager.default.removeItem(atPath: folder + "/" + existing)
        }
    }

    /// Makes `destination` a copy of `source`, writing only what differs.
    static func sync(from source: String, to destination: String) throws(ExerciseError) {
        var files: [String: Data] = [:]
        for relative in allFiles(in: source) {
            guard let data = FileManager.default.contents(atPath: source + "/" + relative) else {
                throw ExerciseError("cannot read \(source)/\(relative)")
            }
            files[relative] = data
        }
        try replace(folder: destination, with: files)
    }

    /// The regular files under `folder`, relative to it.
    static func allFiles(in folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if Submission.Entry.kind(of: folder + "/" + relative) == .file { files.append(relative) }
        }
        return files
    }
}
