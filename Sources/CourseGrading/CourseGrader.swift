import Course
import Foundation

/// Grades exercises of one target, each on its own:
/// - the code exercises (01 to 06, 10, 11) in a child process, `workshop-grader`, with a time limit, so that a
///   crash or an endless loop in the student's code fails that exercise only;
/// - the dashboard and rules exercises (07 to 09) here, since they do not need the student's code.
///
/// The code exercises share one Redis, started on a free loopback port and stopped afterwards (or
/// the server `REDIS_HOST` and `REDIS_PORT` name).
public struct CourseGrader: Sendable {
    /// How the code exercises can be graded.
    public enum Grader: Sendable {
        /// With the built grader at this path.
        case executable(String)
        /// Not at all: the code does not compile, for these reasons.
        case unbuilt([CompilerDiagnostic], output: String)
    }

    /// The repository the exercises are in.
    public var layout: RepositoryLayout
    /// What is graded: the student's work or the reference.
    public var target: WorkshopTarget
    /// The grader of the code exercises.
    public var grader: Grader
    /// The longest one code exercise's check may take.
    public var timeLimit: Duration
    /// The environment (for `REDIS_HOST` and `REDIS_PORT`).
    public var environment: [String: String]

    /// Makes a grader.
    public init(
        layout: RepositoryLayout,
        target: WorkshopTarget,
        grader: Grader,
        timeLimit: Duration = .seconds(60),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.layout = layout
        self.target = target
        self.grader = grader
        self.timeLimit = timeLimit
        self.environment = environment
    }

    /// Grades `exercises` in order.
    public func grade(_ exercises: [Exercise], manifest: ExerciseManifest) async -> [ExerciseOutcome] {
        var redis: LocalRedis?
        var redisProblem: String?
        var redisAddress: (host: String, port: Int)?
        if case .executable = grader, exercises.contains(where: { $0.kind == .code }) {
            if let host = environment["REDIS_HOST"], !host.isEmpty {
                redisAddress = (host, Int(environment["REDIS_PORT"] ?? "") ?? 6379)
            } else {
                do {
                    let started = try await LocalRedis.start()
                    redis = started
                    redisAddress = (started.host, started.port)
                } catch {
                    redisProblem = "could not start Redis for the check: \(error.message)"
                }
            }
        }
        defer { redis?.stop() }
        var outcomes: [ExerciseOutcome] = []
        for exercise in exercises {
            let list: Checklist
            switch exercise.kind {
            case .code:
                list = await gradeCode(exercise, manifest: manifest, redis: redisAddress, redisProblem: redisProblem)
            case .dashboard, .rules:
                list = StaticExerciseCheck.check(exercise, target: target, layout: layout)
            }
            outcomes.append(
                ExerciseOutcome(exercise: exercise, target: target, checksRun: list.count, problems: list.problems)
            )
        }
        return outcomes
    }

    func gradeCode(
        _ exercise: Exercise,
        manifest: ExerciseManifest,
        redis: (host: String, port: Int)?,
        redisProblem: String?
    ) async -> Checklist {
        var list = Checklist()
        switch grader {
        case .unbuilt(let errors, let output):
            list.fail(CompileReport.problem(for: exercise, errors: errors, manifest: manifest, output: output))
            return list
        case .executable(let path):
            guard let redis else {
                list.fail(redisProblem ?? "no Redis to check against")
                return list
            }
            let limit = Int(timeLimit.components.seconds)
            let arguments = [
                exercise.number, "--target", target.rawValue, "--redis-host", redis.host, "--redis-port",
                String(redis.port),
            ]
            let result: ChildProcess.Result
            do {
                result = try await ChildProcess.run(
                    path,
                    arguments: arguments,
                    directory: layout.root,
                    timeout: timeLimit
                )
            } catch {
                list.fail("the check could not run: \(error.message)")
                return list
            }
            guard !result.timedOut, let report = GraderReport.find(in: result.standardOutput) else {
                list.fail(CrashExplanation.problem(for: result, timeLimit: limit))
                return list
            }
            for _ in 0..<(report.checksRun - report.problems.count) { list.expect(true, "") }
            for problem in report.problems { list.fail(problem) }
            return list
        }
    }
}
