import AppCore

// redis-app: the items API over Redis. Configuration: see `redis-app --help` and the README.
let configuration = AppConfiguration.fromCommandLine(usesRedis: true)
await runApplication(
    buildApplication(configuration: configuration, service: "redis-app"),
    name: "redis-app"
)
