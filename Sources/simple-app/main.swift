import AppCore

// simple-app: a health check only. Configuration: see `simple-app --help` and the README.
let configuration = AppConfiguration.fromCommandLine(usesRedis: false)
await runApplication(buildSimpleApplication(configuration: configuration), name: "simple-app")
