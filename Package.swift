// swift-tools-version:6.0
//
// InfraObs: the Swift toolkit of the observability workshop.
// Libraries hold the logic; executables are thin; tests import the libraries.

import PackageDescription

let package = Package(
    name: "InfraObs",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "simple-app", targets: ["simple-app"]),
        .executable(name: "redis-app", targets: ["redis-app"]),
        .executable(name: "instrumented-app", targets: ["instrumented-app"]),
        .executable(name: "dashboard-check", targets: ["dashboard-check"]),
        .executable(name: "loadgen", targets: ["loadgen"]),
        .executable(name: "workshop-app", targets: ["workshop-app"]),
        .executable(name: "workshop", targets: ["workshop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // MARK: Redis through hiredis
        .systemLibrary(
            name: "CHiredis",
            pkgConfig: "hiredis",
            providers: [.apt(["libhiredis-dev"])]
        ),
        .target(
            name: "RedisClient",
            dependencies: [
                "CHiredis",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // MARK: What every app shares
        .target(
            name: "AppCore",
            dependencies: [
                "RedisClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // MARK: Metrics
        .target(name: "Exposition"),
        .target(
            name: "AppMetrics",
            dependencies: [
                "AppCore",
                "Exposition",
                "RedisClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),

        // The reference solutions of the exercises: what the instrumented app runs.
        .target(
            name: "Solutions",
            dependencies: [
                "AppMetrics",
                "AppCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Solutions/Sources"
        ),

        // MARK: PromQL and the checker
        .target(name: "PromQL"),
        .target(name: "DashboardCheck", dependencies: ["PromQL", "Exposition"]),

        // MARK: Exercises: the student's module and the checks that grade it
        .target(
            name: "Exercises",
            dependencies: [
                "AppCore", "AppMetrics", "RedisClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Exercises/Sources"
        ),
        .target(
            name: "ExerciseChecks",
            dependencies: [
                "AppCore", "AppMetrics", "DashboardCheck", "Exercises", "Exposition", "PromQL", "Solutions",
                "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),

        // MARK: Load generation
        .target(
            name: "LoadGenerator",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        // MARK: Executables
        .executableTarget(name: "simple-app", dependencies: ["AppCore"]),
        .executableTarget(name: "redis-app", dependencies: ["AppCore"]),
        .executableTarget(name: "instrumented-app", dependencies: ["AppCore", "AppMetrics", "Solutions"]),
        .executableTarget(
            name: "dashboard-check",
            dependencies: [
                "DashboardCheck",
                "PromQL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "loadgen",
            dependencies: [
                "LoadGenerator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(name: "workshop-app", dependencies: ["AppCore", "AppMetrics", "ExerciseChecks"]),
        .executableTarget(
            name: "workshop",
            dependencies: ["ExerciseChecks", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Serves an exposition with 50 handlers × 5 statuses of traffic, for bench/metrics-scrape.
        .executableTarget(
            name: "metrics-bench",
            dependencies: [
                "AppMetrics",
                "Solutions",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "bench/metrics-bench"
        ),
        // Times the PromQL lexer, parser and type checker alone, for bench/promql-parse.sh.
        .executableTarget(name: "promql-bench", dependencies: ["PromQL"], path: "bench/promql-bench"),
        // Bare Hummingbird answering GET /, the framework's own rate for bench/run.sh.
        .executableTarget(
            name: "hummingbird-hello",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "bench/hummingbird-hello"
        ),
        // Serves N registered series through the apps' /metrics route, for the scrape table of bench/run.sh.
        .executableTarget(
            name: "scrape-bench",
            dependencies: [
                "AppMetrics",
                "Exposition",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "bench/scrape-bench"
        ),

        // MARK: Tests
        .testTarget(name: "RedisClientTests", dependencies: ["RedisClient", "TestSupport"]),
        .testTarget(
            name: "AppCoreTests",
            dependencies: [
                "AppCore", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "AppMetricsTests",
            dependencies: [
                "AppMetrics", "Exposition", "Solutions", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "PromQLTests", dependencies: ["PromQL", "TestSupport"], resources: [.copy("Cases")]),
        .testTarget(
            name: "DashboardCheckTests",
            dependencies: ["DashboardCheck", "PromQL", "Exposition", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "StackTests",
            dependencies: [
                "LoadGenerator", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "SlidesTests", dependencies: ["AppMetrics", "Exposition", "PromQL", "TestSupport"]),
        // The built apps as processes: Redis faults, hostile connections, bad input.
        .testTarget(name: "FaultTests", dependencies: ["Exposition", "TestSupport"]),

        .testTarget(name: "ExerciseTests", dependencies: ["DashboardCheck", "ExerciseChecks", "TestSupport"]),

        .testTarget(name: "DeployTests", dependencies: ["TestSupport"]),

        // Helpers the tests share: free ports, real redis-server and prometheus processes.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
    ],
    swiftLanguageModes: [.v6]
)
