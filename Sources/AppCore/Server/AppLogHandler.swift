import Logging

/// The apps' log handler: swift-log's `StreamLogHandler` on standard error, with the same lines, except
/// that the logger's metadata is kept as it is and turned into text only when a line is written.
///
/// Hummingbird puts a request ID into the logger's metadata for every request. `StreamLogHandler`
/// renders all of its metadata to text each time any of it changes, so with it every request paid for
/// a line that, at the apps' usual levels, is never written; here that cost moves to the lines written.
public struct AppLogHandler: LogHandler {
    private var stream: StreamLogHandler

    /// The logger's own metadata, merged into each line written.
    public var metadata: Logger.Metadata = [:]

    /// Lines below this level are dropped.
    public var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    /// The metadata provider whose values are added to each line written.
    public var metadataProvider: Logger.MetadataProvider? {
        get { stream.metadataProvider }
        set { stream.metadataProvider = newValue }
    }

    /// A handler for the logger `label`, writing to standard error.
    public init(label: String) {
        self.init(stream: .standardError(label: label))
    }

    /// A handler writing through `stream`, whose own metadata is not used.
    public init(stream: StreamLogHandler) {
        self.stream = stream
    }

    /// One item of the logger's metadata.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes the line with the logger's metadata, the line's own metadata winning on a shared key.
    public func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty {
            event.metadata = metadata.merging(event.metadata ?? [:]) { _, own in own }
        }
        stream.log(event: event)
    }
}
