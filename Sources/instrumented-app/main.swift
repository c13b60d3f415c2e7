import AppAssembly
import AppCore
import AppMetrics
import Foundation
import Solutions

// instrumented-app: the reference app, redis-app's routes with every metric of the workshop on /metrics,
// built around the Solutions module. Configuration: see `instrumented-app --help` and the README.
let configuration = AppConfiguration.fromCommandLine(usesRedis: true)
let application: AppApplication
do {
    application = try buildWorkshopApplication(
        module: SolutionsModule(),
        configuration: configuration,
        service: "instrumented-app"
    )
} catch {
    FileHandle.standardError.write(Data("instrumented-app: \(error.message)\n".utf8))
    exit(1)
}
await runApplication(application, name: "instrumented-app")
