// hummingbird-hello: Hummingbird 2 with nothing of ours, for bench/run.sh.
//
// It answers `GET /` with a fixed JSON body of the size simple-app sends, on Hummingbird's default
// HTTP/1 server and event loops, with no middleware, no JSON encoder and no logging. Its rate is the
// most any app built on Hummingbird can serve on the machine, so the report can tell the cost of the
// framework (hummingbird-hello against nginx) from the cost of the apps (simple-app against
// hummingbird-hello).
//
//   HTTP_HOST=127.0.0.1 HTTP_PORT=9000 hummingbird-hello

import Foundation
import Hummingbird
import Logging

let environment = ProcessInfo.processInfo.environment
let host = environment["HTTP_HOST"] ?? "127.0.0.1"
guard let port = Int(environment["HTTP_PORT"] ?? "9000"), (0...65535).contains(port) else {
    FileHandle.standardError.write(Data("hummingbird-hello: HTTP_PORT must be a port number\n".utf8))
    exit(2)
}

let body = ByteBuffer(string: #"{"status":"ok","service":"simple-app"}"#)
let router = Router()
router.get("/") { _, _ in
    Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
}
var logger = Logger(label: "hummingbird-hello")
logger.logLevel = .warning
let app = Application(
    router: router,
    configuration: .init(address: .hostname(host, port: port), serverName: "hummingbird-hello"),
    logger: logger
)
try await app.runService()
