/// Small course files the tests read.
enum CourseFixtures {
    /// A manifest of three exercises, two of which share a file.
    static let manifest = """
        {"exercises": [
          {"id": "03-request-counter", "title": "Count requests", "kind": "code",
           "files": ["Exercises/Sources/RequestMetrics.swift"], "test": "ExerciseTests.Exercise03RequestCounter"},
          {"id": "04-latency-histogram", "title": "Latency histogram", "kind": "code",
           "files": ["Exercises/Sources/RequestMetrics.swift"], "test": "ExerciseTests.Exercise04LatencyHistogram"},
          {"id": "06-cache-miss", "title": "Count cache misses", "kind": "code",
           "files": ["Exercises/Sources/CacheMetrics.swift"], "test": "ExerciseTests.Exercise06CacheMiss"}
        ]}
        """
}
