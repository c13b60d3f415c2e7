import AppAssembly
import AppCore
import AppMetrics
import Course
import Exercises
import Foundation
import Solutions

// workshop-app: the app built around the student's module (WORKSHOP_TARGET=exercises, the default) or
// the reference (WORKSHOP_TARGET=solutions). Same configuration as the other apps (see --help), except
// that it listens on 9001 by default, beside the reference app on 9000.
let module: any WorkshopModule
do {
    switch try WorkshopTarget.from(environment: ProcessInfo.processInfo.environment) {
    case .exercises: module = ExercisesModule()
    case .solutions: module = SolutionsModule()
    }
} catch {
    FileHandle.standardError.write(Data("workshop-app: \(error.message)\n".utf8))
    exit(2)
}
let configuration = AppConfiguration.fromCommandLine(usesRedis: true, defaultPort: WorkshopAppHTTPPort.self)
let application: AppApplication
do {
    application = try buildWorkshopApplication(
        module: module,
        configuration: configuration,
        service: "workshop-app"
    )
} catch {
    FileHandle.standardError.write(Data("workshop-app: \(error.message)\n".utf8))
    exit(1)
}
await runApplication(application, name: "workshop-app")
