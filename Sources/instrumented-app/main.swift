import AppCore

// instrumented-app: for now the same application as redis-app, under its own name; the metrics
// (AppMetrics) are added around the same routes.
let configuration = AppConfiguration.fromCommandLine(usesRedis: true)
await runApplication(
    buildApplication(configuration: configuration, service: "instrumented-app"),
    name: "instrumented-app"
)
