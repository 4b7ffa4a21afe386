import Crypto
import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOWebSocket
import SpacetimeDB
@testable import ChatHost

/// Raw bytes as a client's side of a host connection: HTTP requests (with keep-alive, several may
/// follow), a WebSocket upgrade to `/v1/database/<db>/subscribe`, then WebSocket frames.
///
/// The pipeline is the one `ChatHost.start` builds for each connection (NIO's HTTP server pipeline,
/// the WebSocket upgrader deciding with ``SubscribeRequest``, the ``HTTPRequestHandler`` and its
/// ``HTTPRouter``), on an `EmbeddedChannel` instead of a socket. After an upgrade, binary messages
/// go to the same decoding as the `v*-client` targets instead of the engine, whose session writes
/// from its own thread (an `EmbeddedChannel` is single-threaded).
enum HTTPFuzzTarget {
    static let target = FuzzTarget(
        name: "http", surface: "raw bytes on a host connection: HTTP requests, the WebSocket upgrade, then frames",
        run: run)

    /// A fixed signing key, so seeds may carry tokens this authority signed.
    static let authority = TokenAuthority(
        privateKey: (try? P256.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 7, count: 32)))
            ?? P256.Signing.PrivateKey())
    static let databaseName = "quickstart-chat"
    static let maxMessageBytes = 1 << 20

    static func run(_ bytes: [UInt8]) {
        let channel = EmbeddedChannel()
        do {
            try configure(channel)
        } catch {
            preconditionFailure("cannot build the pipeline: \(error)")
        }
        // Protocol errors are answered (400, or a close frame) and close the channel; that is fine.
        _ = try? channel.writeInbound(channel.allocator.buffer(bytes: bytes))
        channel.embeddedEventLoop.run()
        _ = try? channel.finish(acceptAlreadyClosed: true)
    }

    static func configure(_ channel: EmbeddedChannel) throws {
        let databaseIdentity = Identity.fromClaims(issuer: TokenAuthority.localIssuer, subject: "database:\(databaseName)")
        let databases: Set<String> = [databaseName, databaseIdentity.hexString]
        let router = HTTPRouter(authority: authority, databases: databases)
        let pending = NIOLockedValueBox<SubscribeRequest?>(nil)
        let upgrader = NIOWebSocketServerUpgrader(
            maxFrameSize: maxMessageBytes, automaticErrorHandling: true,
            shouldUpgrade: { channel, head in
                let target = RequestTarget(uri: head.uri)
                let path = Array(target.segments)
                guard path.count == 4, path[0] == "v1", path[1] == "database", path[3] == "subscribe", head.method == .GET
                else { return channel.eventLoop.makeSucceededFuture(nil) }
                let decision = SubscribeRequest.evaluate(
                    target: target, authorization: head.headers.first(name: "authorization"),
                    offeredProtocols: head.headers["sec-websocket-protocol"], databases: databases, authority: authority)
                guard case .success(let request) = decision else { return channel.eventLoop.makeSucceededFuture(nil) }
                pending.withLockedValue { $0 = request }
                var headers = HTTPHeaders()
                headers.add(name: "sec-websocket-protocol", value: request.webSocketProtocol.rawValue)
                for (name, value) in request.auth.identityHeaders { headers.add(name: name, value: value) }
                return channel.eventLoop.makeSucceededFuture(headers)
            },
            upgradePipelineHandler: { channel, _ in
                channel.eventLoop.makeCompletedFuture {
                    guard let request = pending.withLockedValue({ $0 }) else {
                        channel.close(promise: nil)
                        return
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        NIOWebSocketFrameAggregator(
                            minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 65536,
                            maxAccumulatedFrameSize: maxMessageBytes))
                    try channel.pipeline.syncOperations.addHandler(FrameSink(webSocketProtocol: request.webSocketProtocol))
                }
            })
        // The host's defaults (ChatHostConfiguration); an EmbeddedChannel's clock never advances, so
        // the deadlines are armed but never fire during a run.
        let httpHandler = HTTPRequestHandler(
            router: router, requestTimeout: .seconds(10), idleTimeout: .seconds(30), logger: HostFuzzTargets.quietLogger)
        let boundHTTPHandler = NIOLoopBound(httpHandler, eventLoop: channel.eventLoop)
        try channel.pipeline.syncOperations.configureHTTPServerPipeline(
            withServerUpgrade: (
                upgraders: [upgrader],
                completionHandler: { context in
                    context.pipeline.syncOperations.removeHandler(boundHTTPHandler.value, promise: nil)
                }
            ),
            withErrorHandling: true)
        try channel.pipeline.syncOperations.addHandler(httpHandler)
    }

    /// Stands in for the session handler after an upgrade: decodes each binary message as the engine would.
    final class FrameSink: ChannelInboundHandler {
        typealias InboundIn = WebSocketFrame

        let webSocketProtocol: WebSocketProtocol

        init(webSocketProtocol: WebSocketProtocol) {
            self.webSocketProtocol = webSocketProtocol
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let frame = unwrapInboundIn(data)
            guard frame.opcode == .binary else { return }
            var payload = frame.unmaskedData
            let bytes = payload.readBytes(length: payload.readableBytes) ?? []
            switch webSocketProtocol {
            case .v1: HostFuzzTargets.v1Client(bytes)
            case .v2: HostFuzzTargets.v2Client(bytes)
            case .v3: HostFuzzTargets.v3Client(bytes)
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }
}
