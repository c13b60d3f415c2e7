/// Receives what ``HTTPMetricsMiddleware`` measures about each request, and turns it into metrics.
///
/// The middleware calls ``requestStarted()`` when a request comes in and
/// ``requestFinished(method:handler:status:duration:)`` exactly once when it ends, whether the handler
/// returned a response or threw.
public protocol RequestMetricsRecorder: Sendable {
    /// A request has started.
    func requestStarted()

    /// A request has finished.
    ///
    /// - Parameters:
    ///   - method: the HTTP method (`GET`, ...), or `other` for a method outside the standard ones.
    ///   - handler: the route template (`/items/{key}`), or ``MetricNames/unmatchedHandler`` when no route matched.
    ///   - status: the response status code, or the status of the error the handler threw.
    ///   - duration: the time from the request reaching the middleware to the response (or error) coming back.
    func requestFinished(method: String, handler: String, status: Int, duration: Duration)
}
