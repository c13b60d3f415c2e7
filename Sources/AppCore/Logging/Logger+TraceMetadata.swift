import AppTracing
import Logging
import Tracing

extension Logger.MetadataProvider {
    /// Adds `trace_id` and `span_id` to every line written while a span of ``OTLPTracer`` is active, so a
    /// log line leads to its trace.
    public static let traceIDs = Logger.MetadataProvider {
        guard let trace = ServiceContext.current?.traceContext else { return [:] }
        return ["trace_id": .string(trace.traceID.description), "span_id": .string(trace.spanIDHex)]
    }
}
