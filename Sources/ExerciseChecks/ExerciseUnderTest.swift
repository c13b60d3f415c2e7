import AppAssembly
import AppCore
import AppMetrics
import Logging
import Prometheus
import RedisClient
import Solutions

/// The app a code exercise is checked against: the student's part for that exercise, the reference's
/// parts for the others. Each exercise is graded on its own code, so a crash or a loop in one part
/// (a metric registered twice, a health check that never returns) fails the exercises of that part
/// only, as a student who solved exercise 01 but not yet 06 expects.
struct ExerciseUnderTest: WorkshopModule {
    /// The parts of the module, by the exercises that write them.
    enum Part: CaseIterable {
        case healthProbe, itemLookup, requestMetrics, cacheMetrics, redisCommandLog, itemLookupSpan
    }

    let student: any WorkshopModule
    let part: Part?
    let reference: any WorkshopModule = SolutionsModule()

    /// The module for exercise `number`: the student's part of it, the rest from the reference.
    init(exercise number: String, student: any WorkshopModule) {
        self.student = student
        switch number {
        case "01": part = .healthProbe
        case "02": part = .itemLookup
        case "03", "04", "05": part = .requestMetrics
        case "06": part = .cacheMetrics
        case "10": part = .redisCommandLog
        case "11": part = .itemLookupSpan
        default: part = nil
        }
    }

    private func source(_ wanted: Part) -> any WorkshopModule {
        part == nil || part == wanted ? student : reference
    }

    var name: String { student.name }

    func makeHealthProbe() -> any RedisHealthProbe { source(.healthProbe).makeHealthProbe() }

    func makeItemLookup() -> any ItemLookup { source(.itemLookup).makeItemLookup() }

    func makeRequestMetrics(
        registry: PrometheusCollectorRegistry,
        summaries: SummaryRegistry
    ) throws(MetricsError) -> any RequestMetricsRecorder {
        try source(.requestMetrics).makeRequestMetrics(registry: registry, summaries: summaries)
    }

    func makeCacheMetrics(registry: PrometheusCollectorRegistry) -> any ItemLookupObserver {
        source(.cacheMetrics).makeCacheMetrics(registry: registry)
    }

    func makeRedisCommandLog(logger: Logger, redisAddress: String) -> any RedisCommandObserver {
        source(.redisCommandLog).makeRedisCommandLog(logger: logger, redisAddress: redisAddress)
    }

    func makeItemLookupSpan(wrapping lookup: any ItemLookup) -> any ItemLookup {
        source(.itemLookupSpan).makeItemLookupSpan(wrapping: lookup)
    }
}
