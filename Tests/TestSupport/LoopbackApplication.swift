import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// An application served on 127.0.0.1 at a port the system chooses, reporting that port once it listens.
///
/// Everything else (router, server, services, logger, event loops) is the wrapped application's own.
struct LoopbackApplication<Base: ApplicationProtocol>: ApplicationProtocol {
    typealias Responder = Base.Responder

    let base: Base
    /// Called with the port once the server listens.
    let portListening: @Sendable (Int) -> Void

    var responder: Responder {
        get async throws { try await base.responder }
    }

    var server: HTTPServerBuilder { base.server }

    var eventLoopGroup: any EventLoopGroup { base.eventLoopGroup }

    var configuration: ApplicationConfiguration {
        base.configuration.with(address: .hostname("127.0.0.1", port: 0))
    }

    var logger: Logger { base.logger }

    var services: [any Service] { base.services }

    var processesRunBeforeServerStart: [@Sendable () async throws -> Void] { base.processesRunBeforeServerStart }

    @Sendable func onServerRunning(_ channel: any Channel) async {
        await base.onServerRunning(channel)
        portListening(channel.localAddress?.port ?? 0)
    }
}
