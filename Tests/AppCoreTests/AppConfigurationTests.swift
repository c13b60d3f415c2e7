import AppCore
import Testing

@Suite("Configuration from options, environment and defaults")
struct AppConfigurationTests {
    @Test("with nothing set, every value is its default")
    func defaults() throws {
        let configuration = try AppConfiguration.parse(arguments: [], environment: [:])
        #expect(configuration == AppConfiguration())
        #expect(configuration.httpHost == "127.0.0.1")
        #expect(configuration.httpPort == 9000)
        #expect(configuration.redisHost == "127.0.0.1")
        #expect(configuration.redisPort == 6379)
        #expect(configuration.redisTimeout == .milliseconds(1000))
        #expect(configuration.logLevel == .info)
    }

    @Test("workshop-app's default port is 9001, the stack's; HTTP_PORT and --http-port still win")
    func workshopAppPort() throws {
        let defaults = try AppConfiguration.parse(
            arguments: [],
            environment: [:],
            defaultPort: WorkshopAppHTTPPort.self
        )
        #expect(defaults == AppConfiguration(httpPort: 9001))
        let fromEnvironment = try AppConfiguration.parse(
            arguments: [],
            environment: ["HTTP_PORT": "9100"],
            defaultPort: WorkshopAppHTTPPort.self
        )
        #expect(fromEnvironment.httpPort == 9100)
        let fromOption = try AppConfiguration.parse(
            arguments: ["--http-port", "9200"],
            environment: ["HTTP_PORT": "9100"],
            defaultPort: WorkshopAppHTTPPort.self
        )
        #expect(fromOption.httpPort == 9200)
        #expect(try AppConfiguration.parse(arguments: [], environment: [:], usesRedis: false).httpPort == 9000)
    }

    @Test("environment variables set every value")
    func environment() throws {
        let configuration = try AppConfiguration.parse(
            arguments: [],
            environment: [
                "HTTP_HOST": "0.0.0.0", "HTTP_PORT": "9100", "REDIS_HOST": "redis", "REDIS_PORT": "6380",
                "REDIS_TIMEOUT_MS": "250", "LOG_LEVEL": "debug",
            ]
        )
        #expect(
            configuration
                == AppConfiguration(
                    httpHost: "0.0.0.0",
                    httpPort: 9100,
                    redisHost: "redis",
                    redisPort: 6380,
                    redisTimeout: .milliseconds(250),
                    logLevel: .debug
                )
        )
    }

    @Test("an option wins over its environment variable")
    func optionsWin() throws {
        let configuration = try AppConfiguration.parse(
            arguments: [
                "--http-port", "9200", "--redis-host", "cache", "--redis-timeout-ms", "50", "--log-level",
                "error",
            ],
            environment: ["HTTP_PORT": "9100", "REDIS_HOST": "redis", "REDIS_TIMEOUT_MS": "abc"]
        )
        #expect(configuration.httpPort == 9200)
        #expect(configuration.redisHost == "cache")
        #expect(configuration.redisTimeout == .milliseconds(50))
        #expect(configuration.logLevel == .error)
    }

    @Test(
        "a bad value is one error naming the variable",
        arguments: [
            (["HTTP_PORT": "abc"], "HTTP_PORT must be a port number from 1 to 65535, got 'abc'"),
            (["HTTP_PORT": "70000"], "HTTP_PORT must be a port number from 1 to 65535, got '70000'"),
            (["HTTP_PORT": "0"], "HTTP_PORT must be a port number from 1 to 65535, got '0'"),
            (["REDIS_PORT": "-1"], "REDIS_PORT must be a port number from 1 to 65535, got '-1'"),
            (
                ["REDIS_TIMEOUT_MS": "0"],
                "REDIS_TIMEOUT_MS must be a number of milliseconds from 1 to 60000, got '0'"
            ),
            (
                ["REDIS_TIMEOUT_MS": "1s"],
                "REDIS_TIMEOUT_MS must be a number of milliseconds from 1 to 60000, got '1s'"
            ),
            (
                ["LOG_LEVEL": "loud"],
                "LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical, got 'loud'"
            ),
            (["HTTP_HOST": ""], "HTTP_HOST must be a host name or IP address, got ''"),
            (["REDIS_HOST": "a b"], "REDIS_HOST must be a host name or IP address, got 'a b'"),
        ]
    )
    func badEnvironment(environment: [String: String], message: String) throws {
        let error = #expect(throws: ConfigurationError.self) {
            try AppConfiguration.parse(arguments: [], environment: environment)
        }
        #expect(error?.description == message)
    }

    @Test("a bad option value names the option and its variable")
    func badOption() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try AppConfiguration.parse(arguments: ["--redis-port", "70000"], environment: [:])
        }
        #expect(
            error?.description
                == "--redis-port (REDIS_PORT) must be a port number from 1 to 65535, got '70000'"
        )
    }

    @Test("simple-app ignores the Redis variables and refuses the Redis options")
    func simpleAppOptions() throws {
        let configuration = try AppConfiguration.parse(
            arguments: [],
            environment: ["REDIS_PORT": "abc"],
            usesRedis: false
        )
        #expect(configuration.redisPort == 6379)
        #expect(throws: (any Error).self) {
            try AppConfiguration.parse(
                arguments: ["--redis-port", "6380"],
                environment: [:],
                usesRedis: false
            )
        }
    }
}
