import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket

/// Opens SpacetimeDB WebSockets with SwiftNIO: `ws://` over TCP, `wss://` over NIOSSL.
///
/// The upgrade offers the request's subprotocols, checks `Sec-WebSocket-Accept`, and accepts only a
/// subprotocol it offered. Frames up to ``TransportOptions/maxFrameSize`` are read and continuation
/// frames are joined into messages up to ``TransportOptions/maxMessageSize``.
public struct NIOWebSocketConnector: TransportConnector {
    /// Limits and keep-alive timers.
    public var options: TransportOptions
    /// The event loops sockets run on.
    public var eventLoopGroup: any EventLoopGroup
    /// Where transport diagnostics go.
    public var logger: Logger
    /// TLS settings for `wss://` (default: the system's trust roots, full verification).
    public var tlsConfiguration: TLSConfiguration

    /// Creates a connector on the shared NIO event loops.
    public init(
        options: TransportOptions = TransportOptions(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        tlsConfiguration: TLSConfiguration = .makeClientConfiguration(),
        logger: Logger = Logger(label: "spacetimedb.transport")
    ) {
        self.options = options
        self.eventLoopGroup = eventLoopGroup
        self.tlsConfiguration = tlsConfiguration
        self.logger = logger
    }

    /// Opens the TCP (and TLS) connection and sends the upgrade; progress arrives through `onEvent`.
    public func connect(
        _ request: ConnectRequest, onEvent: @escaping @Sendable (TransportEvent) -> Void
    ) -> any SpacetimeTransport {
        let sink = TransportEventSink(onEvent)
        let transport = NIOWebSocketTransport(sink: sink)
        let options = self.options
        let logger = self.logger
        let tlsContext: NIOSSLContext?
        if request.useTLS {
            do {
                tlsContext = try NIOSSLContext(configuration: tlsConfiguration)
            } catch {
                sink.finish(.connectFailed("TLS setup failed: \(error)"))
                return transport
            }
        } else {
            tlsContext = nil
        }
        let bootstrap = ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(TimeAmount(options.connectTimeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try Self.configure(
                        channel: channel, request: request, options: options, tlsContext: tlsContext,
                        sink: sink, transport: transport, logger: logger)
                }
            }
        bootstrap.connect(host: request.host, port: request.port).whenComplete { result in
            switch result {
            case .success(let channel):
                transport.attach(channel)
            case .failure(let error):
                sink.finish(.connectFailed("\(request.host):\(request.port): \(ConnectFailureDescription.describe(error))"))
            }
        }
        return transport
    }

    static func configure(
        channel: any Channel, request: ConnectRequest, options: TransportOptions, tlsContext: NIOSSLContext?,
        sink: TransportEventSink, transport: NIOWebSocketTransport, logger: Logger
    ) throws {
        let pipeline = channel.pipeline.syncOperations
        if let tlsContext {
            // SNI only takes host names, never address literals.
            let isAddress = (try? SocketAddress(ipAddress: request.host, port: 0)) != nil
            try pipeline.addHandler(NIOSSLClientHandler(context: tlsContext, serverHostname: isAddress ? nil : request.host))
        }
        let requestHandler = UpgradeRequestHandler(request: request, sink: sink)
        let offered = request.protocols
        let upgrader = NIOWebSocketClientUpgrader(
            maxFrameSize: options.maxFrameSize, automaticErrorHandling: false
        ) { channel, response in
            channel.eventLoop.makeCompletedFuture {
                let selected = response.headers["Sec-WebSocket-Protocol"].first?
                    .trimmingCharacters(in: .whitespaces)
                guard let selected, let version = ProtocolVersion(rawValue: selected), offered.contains(version) else {
                    sink.finish(.handshakeFailed(
                        selected.map { "the server selected subprotocol \($0), which was not offered" }
                            ?? "the server selected no subprotocol"))
                    channel.close(promise: nil)
                    return
                }
                let pipeline = channel.pipeline.syncOperations
                // The request handler only understands HTTP; it must go before WebSocket frames flow.
                if let context = try? pipeline.context(handlerType: UpgradeRequestHandler.self) {
                    pipeline.removeHandler(context: context, promise: nil)
                }
                try pipeline.addHandler(IdleStateHandler(readTimeout: TimeAmount(options.idleTimeout)))
                try pipeline.addHandler(NIOWebSocketFrameAggregator(
                    minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1 << 20,
                    maxAccumulatedFrameSize: options.maxMessageSize))
                try pipeline.addHandler(WebSocketMessageHandler(sink: sink, logger: logger))
                transport.markUpgraded(channel)
                sink.emit(.opened(version))
            }
        }
        try pipeline.addHTTPClientHandlers(
            leftOverBytesStrategy: .forwardBytes,
            withClientUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
        try pipeline.addHandler(requestHandler)
    }
}

extension TimeAmount {
    /// The same span as a NIO time amount.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000)
    }
}
