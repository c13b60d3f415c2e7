/// The port an app listens on when neither `--http-port` nor `HTTP_PORT` names one; `--help` shows it.
public protocol DefaultHTTPPort: Sendable {
    /// The port, from 1 to 65535.
    static var httpPort: Int { get }
}

/// Port 9000: `simple-app`, `redis-app` and `instrumented-app`.
public enum StandardHTTPPort: DefaultHTTPPort {
    /// 9000.
    public static let httpPort = 9000
}

/// Port 9001: `workshop-app`, the port the compose stack publishes it on, so the student's app never
/// takes the reference app's 9000.
public enum WorkshopAppHTTPPort: DefaultHTTPPort {
    /// 9001.
    public static let httpPort = 9001
}
