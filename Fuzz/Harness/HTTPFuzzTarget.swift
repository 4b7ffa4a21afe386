import Crypto
import Foundation
import NIOCore
import NIOEmbedded
import NIOWebSocket
import SpacetimeDB
@testable import ChatHost

/// Raw bytes as a client's side of a host connection: HTTP requests (with keep-alive, several may
/// follow), a WebSocket upgrade to `/v1/database/<db>/subscribe`, then WebSocket frames.
///
/// The pipeline is the host's own: ``HostPipeline/addHandlers(to:descriptor:)`` (NIO's HTTP server pipeline, the
/// WebSocket upgrader deciding with ``SubscribeRequest``, the ``HTTPRequestHandler`` and its
/// ``HTTPRouter``; once upgraded, the ``WebSocketFrameValidator`` and the fragment aggregator), on an
/// `EmbeddedChannel` instead of a socket. Only the last handler differs: binary messages go to the
/// same decoding as the `v*-client` targets instead of the engine, whose session writes from its own
/// thread (an `EmbeddedChannel` is single-threaded).
enum HTTPFuzzTarget {
    static let target = FuzzTarget(
        name: "http", surface: "raw bytes on a host connection: HTTP requests, the WebSocket upgrade, then frames",
        run: run)

    /// A fixed signing key, so seeds may carry tokens this authority signed.
    static let authority = TokenAuthority(
        privateKey: (try? P256.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 7, count: 32)))
            ?? P256.Signing.PrivateKey())
    static let databaseName = "quickstart-chat"

    /// The host's pipeline with the host's defaults (``ChatHostConfiguration``), logging nothing.
    /// An `EmbeddedChannel`'s clock never advances, so its deadlines are armed but never fire.
    static let pipeline: HostPipeline = {
        let configuration = ChatHostConfiguration(
            dataDirectory: URL(fileURLWithPath: "/nonexistent"), databaseName: databaseName,
            logger: HostFuzzTargets.quietLogger)
        let databaseIdentity = Identity.fromClaims(issuer: TokenAuthority.localIssuer, subject: "database:\(databaseName)")
        let databases: Set<String> = [databaseName, databaseIdentity.hexString]
        return HostPipeline(
            configuration: configuration, authority: authority, databases: databases,
            router: HTTPRouter(authority: authority, databases: databases), sslContext: nil,
            limiter: ConnectionLimiter(limit: configuration.maxConnections, logger: HostFuzzTargets.quietLogger)
        ) { session in
            FrameSink(session: session)
        }
    }()

    static func run(_ bytes: [UInt8]) {
        let channel = EmbeddedChannel()
        do {
            try pipeline.addHandlers(to: channel)
        } catch {
            preconditionFailure("cannot build the pipeline: \(error)")
        }
        // Protocol errors are answered (400, or a close frame) and close the channel; that is fine.
        _ = try? channel.writeInbound(channel.allocator.buffer(bytes: bytes))
        channel.embeddedEventLoop.run()
        _ = try? channel.finish(acceptAlreadyClosed: true)
    }

    /// Stands in for the session handler after an upgrade: decodes each binary message as the engine
    /// would, and closes on a framing error as the session handler does.
    final class FrameSink: ChannelInboundHandler {
        typealias InboundIn = WebSocketFrame

        let session: ClientSession

        init(session: ClientSession) {
            self.session = session
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let frame = unwrapInboundIn(data)
            guard frame.opcode == .binary else { return }
            var payload = frame.unmaskedData
            let bytes = payload.readBytes(length: payload.readableBytes) ?? []
            switch session.webSocketProtocol {
            case .v1: HostFuzzTargets.v1Client(bytes)
            case .v2: HostFuzzTargets.v2Client(bytes)
            case .v3: HostFuzzTargets.v3Client(bytes)
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            session.close(code: WebSocketSessionHandler.closeCode(for: error), reason: "\(error)")
        }
    }
}
