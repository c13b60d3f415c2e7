// swift-tools-version:6.1
//
// InfraObs: the Swift toolkit of the observability workshop.
// Libraries hold the logic; executables are thin; tests import the libraries.
//
// Two audiences build this package:
// - Students: `swift build` and `swift test` compile the apps, the tools and the exercise tests only.
// - Maintainers and CI: `./scripts/test` sets INFRAOBS_MAINTAINER=1, which adds the maintainer test
//   suites, their helpers (TestSupport) and the benchmark executables of `bench/` to the same package,
//   so one build folder serves both.

import PackageDescription

/// True when the maintainer suites and benchmarks are wanted (`./scripts/test`, `bench/` scripts).
let maintainer = Context.environment["INFRAOBS_MAINTAINER"] == "1"

/// Every target follows the upcoming rule that a member is visible only where its module is imported,
/// so each file's imports say what it really uses.
let strictImports: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

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
        .executable(name: "workshop-grader", targets: ["workshop-grader"]),
    ],
    dependencies: [
        // No default traits: the apps use neither swift-configuration nor the Foundation extras.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // Already in the graph through Hummingbird; named for the header the server span reads.
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        // Already in the graph through Hummingbird (its TracingMiddleware); named for the apps' own spans.
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // Already in the graph through SwiftNIO; named for the tracer's lock-free span ids.
        .package(url: "https://github.com/apple/swift-atomics.git", from: "1.3.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // MARK: Redis through hiredis
        .systemLibrary(
            name: "CHiredis",
            pkgConfig: "hiredis",
            providers: [.apt(["libhiredis-dev"]), .brew(["hiredis"])]
        ),
        .target(
            name: "RedisClient",
            dependencies: [
                "AppTracing",
                "CHiredis",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictImports
        ),

        // MARK: Traces: a tracer with W3C ids and an OTLP/HTTP JSON exporter over NIO's HTTP/1 client
        .target(
            name: "AppTracing",
            dependencies: [
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictImports
        ),

        // MARK: What every app shares
        .target(
            name: "AppCore",
            dependencies: [
                "AppTracing",
                "RedisClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            swiftSettings: strictImports
        ),

        // MARK: Metrics
        .target(name: "Exposition", swiftSettings: strictImports),
        .target(
            name: "AppMetrics",
            dependencies: [
                "RedisClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictImports
        ),

        // The instrumented app assembled around a module of the exercises' API.
        .target(
            name: "AppAssembly",
            dependencies: [
                "AppCore",
                "AppMetrics",
                "AppTracing",
                "RedisClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictImports
        ),

        // The reference solutions of the exercises: what the instrumented app runs.
        .target(
            name: "Solutions",
            dependencies: [
                "AppAssembly",
                "AppCore",
                "AppMetrics",
                "RedisClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            path: "Solutions/Sources",
            swiftSettings: strictImports
        ),

        // MARK: PromQL and the checker
        .target(name: "PromQL", swiftSettings: strictImports),
        .target(name: "DashboardCheck", dependencies: ["PromQL", "Exposition"], swiftSettings: strictImports),
        // Grades exercises 07-09 from their requirements.json: the dashboard's requirements with the checker,
        // the alerting rule with Yams. One implementation for `workshop verify` and `dashboard-check grade`.
        .target(
            name: "ExerciseGrading",
            dependencies: ["DashboardCheck", "PromQL", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictImports
        ),

        // MARK: The course: the student's module, the course tool's library, the graders
        .target(
            name: "Exercises",
            dependencies: [
                "AppAssembly", "AppCore", "AppMetrics", "RedisClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            path: "Exercises/Sources",
            swiftSettings: strictImports
        ),
        // Foundation only: the manifest, hints, starters, progress and child processes. It never
        // depends on the student's code, so `workshop` builds whatever state that code is in.
        .target(name: "Course", swiftSettings: strictImports),
        // Grades the exercises without the student's code (dashboards and rules) and runs the
        // code exercises' grader, `workshop-grader`, one child process per exercise.
        .target(
            name: "CourseGrading",
            dependencies: ["Course", "DashboardCheck", "ExerciseGrading"],
            swiftSettings: strictImports
        ),
        // The checks of the code exercises, run inside `workshop-grader` against a live app.
        .target(
            name: "ExerciseChecks",
            dependencies: [
                "AppAssembly", "AppCore", "AppMetrics", "AppTracing", "Course", "Exercises", "Exposition", "Solutions",
                "RedisClient",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictImports
        ),

        // MARK: Load generation
        .target(
            name: "LoadGenerator",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictImports
        ),

        // MARK: Executables
        .executableTarget(name: "simple-app", dependencies: ["AppCore"], swiftSettings: strictImports),
        .executableTarget(name: "redis-app", dependencies: ["AppCore"], swiftSettings: strictImports),
        .executableTarget(
            name: "instrumented-app",
            dependencies: ["AppAssembly", "AppCore", "AppMetrics", "Solutions"],
            swiftSettings: strictImports
        ),
        .executableTarget(
            name: "dashboard-check",
            dependencies: [
                "DashboardCheck", "ExerciseGrading",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictImports
        ),
        .executableTarget(
            name: "loadgen",
            dependencies: [
                "LoadGenerator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictImports
        ),
        .executableTarget(
            name: "workshop-app",
            dependencies: ["AppAssembly", "AppCore", "AppMetrics", "Course", "Exercises", "Solutions"],
            swiftSettings: strictImports
        ),
        .executableTarget(
            name: "workshop",
            dependencies: [
                "Course", "CourseGrading", "ExerciseGrading",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictImports
        ),
        .executableTarget(
            name: "workshop-grader",
            dependencies: ["Course", "ExerciseChecks"],
            swiftSettings: strictImports
        ),

        // MARK: The student's tests: one suite per exercise, graded like `workshop verify`.
        .testTarget(name: "ExerciseTests", dependencies: ["Course", "CourseGrading"], swiftSettings: strictImports),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: - Maintainer suites and benchmarks (INFRAOBS_MAINTAINER=1)

if maintainer {
    package.targets += [
        .testTarget(name: "RedisClientTests", dependencies: ["RedisClient", "TestSupport"]),
        // The tracer, the OTLP exporter, and the built app's spans as an OTLP receiver decodes them.
        .testTarget(
            name: "AppTracingTests",
            dependencies: [
                "AppTracing", "TestSupport",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        .testTarget(
            name: "AppCoreTests",
            dependencies: [
                "AppCore", "AppTracing", "TestSupport",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ]
        ),
        .testTarget(
            name: "AppMetricsTests",
            dependencies: [
                "AppAssembly", "AppMetrics", "AppTracing", "Exposition", "Solutions", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "ExpositionTests", dependencies: ["Exposition", "TestSupport"]),
        .testTarget(
            name: "PromQLTests",
            // AppTracing for SplitMix64, the seeded generator of the random tests.
            dependencies: ["AppTracing", "PromQL", "TestSupport"],
            resources: [.copy("Cases")]
        ),
        .testTarget(
            name: "DashboardCheckTests",
            dependencies: ["DashboardCheck", "ExerciseGrading", "PromQL", "Exposition", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LoadGeneratorTests",
            dependencies: ["LoadGenerator", "TestSupport", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        .testTarget(
            name: "StackTests",
            dependencies: ["LoadGenerator", "PromQL", "TestSupport", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(
            name: "SlidesTests",
            dependencies: [
                "AppMetrics", "DashboardCheck", "ExerciseGrading", "Exposition", "PromQL", "TestSupport",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The built apps as processes: Redis faults, hostile connections, bad input.
        .testTarget(name: "FaultTests", dependencies: ["Exposition", "TestSupport"]),
        // The course tool and the graders themselves: manifest, starters, isolation, compile errors.
        .testTarget(
            name: "CourseTests",
            dependencies: [
                "Course", "CourseGrading", "DashboardCheck", "ExerciseGrading", "TestSupport",
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(name: "DeployTests", dependencies: ["TestSupport", .product(name: "Yams", package: "Yams")]),

        // Helpers the maintainer tests share: free ports, real redis-server and prometheus processes,
        // an application served on a loopback port and an HTTP/1.1 client over NIO for it, the repository's
        // files and built executables, YAML read with Yams, the spans a tracer ends.
        .target(
            name: "TestSupport",
            dependencies: [
                "AppTracing",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: strictImports
        ),

        // Serves an exposition with 50 handlers × 5 statuses of traffic, for bench/metrics-scrape.
        .executableTarget(
            name: "metrics-bench",
            dependencies: [
                "AppAssembly",
                "AppMetrics",
                "Solutions",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "bench/metrics-bench"
        ),
        // Times what tracing adds to a request, piece by piece, for bench/tracing-overhead.
        .executableTarget(
            name: "tracing-bench",
            dependencies: [
                "AppCore",
                "AppTracing",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
            ],
            path: "bench/tracing-bench"
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
    ]
}
