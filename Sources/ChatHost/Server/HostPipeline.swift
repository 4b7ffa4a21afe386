import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOSSL
import NIOWebSocket

/// How each accepted connection's channel pipeline is built: the connection cap, TLS, HTTP with the
/// WebSocket upgrade to `/v1/database/<name>/subscribe`, and, once upgraded, the frame validator,
/// the fragment aggregator and the session handler.
struct HostPipeline: Sendable {
    /// Makes the handler that reads an upgraded connection's frames, after the validator and the
    /// aggregator: the engine's session handler in the host, a decoding sink in the fuzz harness.
    typealias SessionHandlerFactory = @Sendable (ClientSession) -> any ChannelHandler

    let configuration: ChatHostConfiguration
    let authority: TokenAuthority
    let databases: Set<String>
    let router: HTTPRouter
    let sslContext: NIOSSLContext?
    let limiter: ConnectionLimiter
    private let makeSessionHandler: SessionHandlerFactory
    private let sessionIds = NIOLockedValueBox<UInt64>(0)

    /// Why a freshly accepted connection was closed before it was served.
    enum Refusal: Error {
        /// ``ChatHostConfiguration/maxConnections`` clients are connected already (logged by ``ConnectionLimiter``).
        case connectionLimitReached
    }

    /// The host's pipeline: each upgraded connection is a session of `engine`.
    init(
        configuration: ChatHostConfiguration, engine: HostEngine, authority: TokenAuthority, databases: Set<String>,
        router: HTTPRouter, sslContext: NIOSSLContext?, limiter: ConnectionLimiter
    ) {
        self.init(
            configuration: configuration, authority: authority, databases: databases, router: router,
            sslContext: sslContext, limiter: limiter
        ) { session in
            WebSocketSessionHandler(
                session: session, engine: engine, pingInterval: configuration.pingInterval,
                idleTimeout: configuration.idleTimeout,
                maxQueuedMessages: configuration.maxQueuedIncomingMessages, logger: configuration.logger)
        }
    }

    /// The same pipeline with `makeSessionHandler` in place of the engine's session handler (the fuzz
    /// harness reads frames without an engine: everything before that handler is the host's own).
    init(
        configuration: ChatHostConfiguration, authority: TokenAuthority, databases: Set<String>, router: HTTPRouter,
        sslContext: NIOSSLContext?, limiter: ConnectionLimiter,
        makeSessionHandler: @escaping SessionHandlerFactory
    ) {
        self.configuration = configuration
        self.authority = authority
        self.databases = databases
        self.router = router
        self.sslContext = sslContext
        self.limiter = limiter
        self.makeSessionHandler = makeSessionHandler
    }

    /// Sets up a freshly accepted channel, or closes it when the connection cap is reached.
    /// `descriptor` is the channel's socket when its session may write data frames to it directly
    /// (plain TCP; nil with TLS, see ``ClientSession``).
    func configure(_ channel: any Channel, descriptor: CInt? = nil) -> EventLoopFuture<Void> {
        guard limiter.admit(peer: "\(channel.remoteAddress.map { "\($0)" } ?? "unknown")") else {
            // Failing the initializer makes NIO close the channel; closing it here, before NIO has
            // registered it, breaks NIO's precondition for a connected socket it is handed.
            return channel.eventLoop.makeFailedFuture(Refusal.connectionLimitReached)
        }
        channel.closeFuture.whenComplete { [limiter] _ in limiter.release() }
        return channel.eventLoop.makeCompletedFuture { try addHandlers(to: channel, descriptor: descriptor) }
    }

    /// Adds TLS (when configured), NIO's HTTP server pipeline with the WebSocket upgrade, and the
    /// ``HTTPRequestHandler``. Call on the channel's event loop.
    func addHandlers(to channel: any Channel, descriptor: CInt? = nil) throws {
        if let sslContext {
            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
        }
        let httpHandler = HTTPRequestHandler(
            router: router, requestTimeout: configuration.httpRequestTimeout,
            idleTimeout: configuration.httpIdleTimeout, logger: configuration.logger)
        let boundHTTPHandler = NIOLoopBound(httpHandler, eventLoop: channel.eventLoop)
        try channel.pipeline.syncOperations.configureHTTPServerPipeline(
            withServerUpgrade: (
                upgraders: [makeUpgrader(descriptor: descriptor)],
                completionHandler: { context in
                    context.pipeline.syncOperations.removeHandler(boundHTTPHandler.value, promise: nil)
                }
            ),
            withErrorHandling: true)
        try channel.pipeline.syncOperations.addHandler(httpHandler)
    }

    /// The WebSocket upgrader of one connection: accepts a valid subscribe request, then installs the session.
    private func makeUpgrader(descriptor: CInt?) -> NIOWebSocketServerUpgrader {
        let pending = NIOLockedValueBox<SubscribeRequest?>(nil)
        return NIOWebSocketServerUpgrader(
            // Framing errors reach WebSocketSessionHandler, which closes through the session's budget.
            maxFrameSize: configuration.maxIncomingMessageBytes, automaticErrorHandling: false,
            shouldUpgrade: { [databases, authority] channel, head in
                let target = RequestTarget(uri: head.uri)
                let path = Array(target.segments)
                guard path.count == 4, path[0] == "v1", path[1] == "database", path[3] == "subscribe",
                    head.method == .GET
                else {
                    return channel.eventLoop.makeSucceededFuture(nil)
                }
                let decision = SubscribeRequest.evaluate(
                    target: target, authorization: head.headers.first(name: "authorization"),
                    offeredProtocols: head.headers["sec-websocket-protocol"], databases: databases,
                    authority: authority)
                guard case .success(let request) = decision else {
                    return channel.eventLoop.makeSucceededFuture(nil)
                }
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
                    try installSession(for: request, on: channel, descriptor: descriptor)
                }
            })
    }

    /// Adds the WebSocket handlers for an accepted subscribe request.
    private func installSession(for request: SubscribeRequest, on channel: any Channel, descriptor: CInt?) throws {
        let id = sessionIds.withLockedValue { value -> UInt64 in
            value += 1
            return value
        }
        let session = ClientSession(
            id: id, identity: request.auth.claims.identity, connectionId: request.connectionId,
            token: request.auth.token, webSocketProtocol: request.webSocketProtocol,
            compression: request.compression, light: request.light, confirmedReads: request.confirmedReads,
            maxPendingBytes: configuration.maxPendingOutboundBytes, closeTimeout: configuration.closeTimeout,
            channel: channel, descriptor: descriptor, logger: configuration.logger)
        try session.configureBudget()
        try channel.pipeline.syncOperations.addHandler(WebSocketFrameValidator(session: session))
        try channel.pipeline.syncOperations.addHandler(
            NIOWebSocketFrameAggregator(
                minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 65536,
                maxAccumulatedFrameSize: configuration.maxIncomingMessageBytes))
        try channel.pipeline.syncOperations.addHandler(makeSessionHandler(session))
    }
}
