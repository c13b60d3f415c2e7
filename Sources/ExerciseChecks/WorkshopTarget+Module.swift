import AppMetrics
import Exercises
import Solutions

extension WorkshopTarget {
    /// The module this target serves.
    public var module: any WorkshopModule {
        switch self {
        case .exercises: return ExercisesModule()
        case .solutions: return SolutionsModule()
        }
    }
}
