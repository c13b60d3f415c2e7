import Foundation
import TestSupport

/// Runs the checks of exercises against the module and files of one target, in process.
///
/// Code exercises run the app with a real Redis: a `redis-server` started on a free loopback port
/// (stopped afterwards), or the server `REDIS_HOST`/`REDIS_PORT` name.
public struct ExerciseChecker: Sendable {
    /// The repository the exercises are in.
    public var layout: RepositoryLayout
    /// What is checked: the student's work or the reference.
    public var target: WorkshopTarget

    /// Makes a checker.
    public init(layout: RepositoryLayout, target: WorkshopTarget) {
        self.layout = layout
        self.target = target
    }

    /// Checks one exercise.
    public func check(_ exercise: Exercise) async -> ExerciseOutcome {
        await check([exercise])[0]
    }

    /// Checks `exercises` in order, starting one Redis for all the code exercises among them.
    public func check(_ exercises: [Exercise]) async -> [ExerciseOutcome] {
        var redis: RedisServer?
        var redisProblem: String?
        if exercises.contains(where: { $0.kind == .code }) {
            do {
                redis = try await RedisServer.start()
            } catch {
                redisProblem = "could not start Redis for the check: \(error)"
            }
        }
        defer { redis?.shutdown() }
        var outcomes: [ExerciseOutcome] = []
        for exercise in exercises {
            var list = Checklist()
            switch exercise.kind {
            case .code:
                if let redis {
                    list = await CodeExerciseChecks.check(
                        exercise.number,
                        module: target.module,
                        redis: .init(host: redis.host, port: redis.port)
                    )
                } else {
                    list.fail(redisProblem ?? "no Redis")
                }
            case .dashboard:
                list = DashboardExerciseCheck.check(exercise, target: target, layout: layout)
            case .rules:
                list = DashboardExerciseCheck.check(exercise, target: target, layout: layout)
                let path = layout.alertRules(for: target)
                let shown = target.folder + "/rules/alerts.yml"
                if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                    list.merge(AlertRuleCheck.check(text: text, path: shown))
                } else {
                    list.fail("cannot read \(shown)")
                }
            }
            outcomes.append(
                ExerciseOutcome(exercise: exercise, target: target, checksRun: list.count, problems: list.problems)
            )
        }
        return outcomes
    }
}
