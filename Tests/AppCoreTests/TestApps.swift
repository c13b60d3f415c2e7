import AppCore
import Foundation
import Hummingbird
import Logging
import TestSupport

/// Builds apps for tests: HTTP on a port the system chooses, Redis from the given server.
enum TestApps {
    static func configuration(
        redis: RedisServer?,
        timeout: Duration = .milliseconds(500)
    )
        -> AppConfiguration
    {
        AppConfiguration(
            httpHost: "127.0.0.1",
            httpPort: 0,
            redisHost: redis?.host ?? "127.0.0.1",
            redisPort: redis?.port ?? 6379,
            redisTimeout: timeout,
            logLevel: .warning
        )
    }

    /// `redis-app` against `redis`.
    static func redisApp(
        _ redis: RedisServer,
        timeout: Duration = .milliseconds(500)
    )
        -> AppApplication
    {
        buildApplication(
            configuration: configuration(redis: redis, timeout: timeout),
            logger: quietLogger
        )
    }

    static let quietLogger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }()
}

extension String {
    /// The string as a request body.
    var buffer: ByteBuffer { ByteBuffer(string: self) }
}

extension HTTPFields {
    /// `Content-Type: application/json`, which `POST /items` requires.
    static let json: HTTPFields = [.contentType: "application/json"]
}
