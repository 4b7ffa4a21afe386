import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
import SpacetimeDB

/// A local SpacetimeDB-compatible host serving the quickstart-chat module.
///
/// ```swift
/// let host = try await ChatHost.start(ChatHostConfiguration(dataDirectory: dir, port: 0))
/// print(host.port)             // the bound port
/// await host.shutdown()
/// ```
///
/// Endpoints as SpacetimeDB serves them: `GET /v1/database/<name>/subscribe` (WebSocket, `v3.bsatn`,
/// `v2.bsatn`, `v1.bsatn`), `POST /v1/identity`, `POST /v1/identity/websocket-token`,
/// `GET /v1/identity/public-key`, `GET /v1/ping`, `GET /v1/database/<name>/schema?version=9`.
public final class ChatHost: Sendable {
    /// The address the host listens on.
    public let bindAddress: String
    /// The port the host listens on (the real one when 0 was asked for).
    public let port: Int
    /// Whether the host serves TLS (`wss://` / `https://`).
    public let usesTLS: Bool
    /// The database name clients connect to.
    public let databaseName: String
    /// The database identity, also accepted in place of the name in URLs.
    public let databaseIdentity: Identity

    private let group: MultiThreadedEventLoopGroup
    private let serverChannel: any Channel
    private let engine: HostEngine
    private let lock: NIOLockedValueBox<DataDirectoryLock?>
    private let logger: Logger

    /// The base URL clients connect to, e.g. `http://127.0.0.1:3000`.
    public var url: String { "\(usesTLS ? "https" : "http")://\(bindAddress):\(port)" }

    private init(
        bindAddress: String, port: Int, usesTLS: Bool, databaseName: String, databaseIdentity: Identity,
        group: MultiThreadedEventLoopGroup, serverChannel: any Channel, engine: HostEngine, lock: DataDirectoryLock,
        logger: Logger
    ) {
        self.bindAddress = bindAddress
        self.port = port
        self.usesTLS = usesTLS
        self.databaseName = databaseName
        self.databaseIdentity = databaseIdentity
        self.group = group
        self.serverChannel = serverChannel
        self.engine = engine
        self.lock = NIOLockedValueBox(lock)
        self.logger = logger
    }

    /// Starts a host: takes the data-directory lock, restores the data, and listens.
    public static func start(_ configuration: ChatHostConfiguration) async throws(HostError) -> ChatHost {
        let logger = configuration.logger
        let directory = configuration.dataDirectory
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .dataDirectory(path: directory.path, reason: "\(error)")
        }
        let lock = try DataDirectoryLock(directory: directory.path)
        let authority: TokenAuthority
        let tables: ChatTables
        let commitLog: CommitLog
        do {
            authority = try TokenAuthority(loadingOrCreatingIn: directory)
            (tables, commitLog) = try restore(
                directory: directory, recoverDamage: configuration.recoverDamagedLog, logger: logger)
        } catch {
            // Nothing is serving: give the data directory back so the user can fix it and retry.
            lock.release()
            throw error
        }

        var sslContext: NIOSSLContext?
        if let certificatePath = configuration.tlsCertificatePath, let keyPath = configuration.tlsKeyPath {
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(certificatePath)
                let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
                let tls = TLSConfiguration.makeServerConfiguration(
                    certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
                sslContext = try NIOSSLContext(configuration: tls)
            } catch {
                // Nothing is serving yet: give the data directory back for the next attempt.
                lock.release()
                throw .tls(reason: "\(error)")
            }
        }

        let engine = HostEngine(tables: tables, commitLog: commitLog, logger: logger)

        let databaseIdentity = Identity.fromClaims(issuer: TokenAuthority.localIssuer, subject: "database:\(configuration.databaseName)")
        let databases: Set<String> = [configuration.databaseName, databaseIdentity.hexString]
        let router = HTTPRouter(authority: authority, databases: databases)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, min(4, System.coreCount)))
        let sessionIds = NIOLockedValueBox<UInt64>(0)
        let context = sslContext
        let limiter = ConnectionLimiter(limit: configuration.maxConnections, logger: logger)

        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                guard limiter.admit(peer: "\(channel.remoteAddress.map { "\($0)" } ?? "unknown")") else {
                    return channel.close()
                }
                channel.closeFuture.whenComplete { _ in limiter.release() }
                return channel.eventLoop.makeCompletedFuture {
                    if let context {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                    }
                    let pending = NIOLockedValueBox<SubscribeRequest?>(nil)
                    let upgrader = NIOWebSocketServerUpgrader(
                        // Framing errors reach WebSocketSessionHandler, which closes through the session's budget.
                        maxFrameSize: configuration.maxIncomingMessageBytes, automaticErrorHandling: false,
                        shouldUpgrade: { channel, head in
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
                                let id = sessionIds.withLockedValue { value -> UInt64 in
                                    value += 1
                                    return value
                                }
                                let session = ClientSession(
                                    id: id, identity: request.auth.claims.identity, connectionId: request.connectionId,
                                    token: request.auth.token, webSocketProtocol: request.webSocketProtocol,
                                    compression: request.compression, light: request.light,
                                    maxPendingBytes: configuration.maxPendingOutboundBytes,
                                    closeTimeout: configuration.closeTimeout, channel: channel,
                                    logger: logger)
                                try channel.pipeline.syncOperations.addHandler(WebSocketFrameValidator(session: session))
                                try channel.pipeline.syncOperations.addHandler(
                                    NIOWebSocketFrameAggregator(
                                        minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 65536,
                                        maxAccumulatedFrameSize: configuration.maxIncomingMessageBytes))
                                try channel.pipeline.syncOperations.addHandler(
                                    WebSocketSessionHandler(
                                        session: session, engine: engine, pingInterval: configuration.pingInterval,
                                        idleTimeout: configuration.idleTimeout,
                                        maxQueuedMessages: configuration.maxQueuedIncomingMessages, logger: logger))
                            }
                        })
                    let httpHandler = HTTPRequestHandler(
                        router: router, requestTimeout: configuration.httpRequestTimeout,
                        idleTimeout: configuration.httpIdleTimeout, logger: logger)
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
            }

        let serverChannel: any Channel
        do {
            serverChannel = try await bootstrap.bind(host: configuration.bindAddress, port: configuration.port).get()
        } catch {
            try? await group.shutdownGracefully()
            await engine.stop()
            lock.release()
            throw .bind(address: configuration.bindAddress, port: configuration.port, reason: "\(error)")
        }
        let port = serverChannel.localAddress?.port ?? configuration.port
        logger.info(
            "host listening",
            metadata: [
                "address": "\(configuration.bindAddress)", "port": "\(port)", "database": "\(configuration.databaseName)",
                "data_dir": "\(directory.path)", "tls": "\(context != nil)",
            ])
        return ChatHost(
            bindAddress: configuration.bindAddress, port: port, usesTLS: context != nil,
            databaseName: configuration.databaseName, databaseIdentity: databaseIdentity, group: group,
            serverChannel: serverChannel, engine: engine, lock: lock, logger: logger)
    }

    /// Stops listening, records every user offline, closes every client and releases the data directory.
    public func shutdown() async {
        try? await serverChannel.close()
        await engine.stop()
        try? await group.shutdownGracefully()
        lock.withLockedValue { lock in
            lock?.release()
            lock = nil
        }
        logger.info("host stopped")
    }

    /// The committed `user` and `message` rows (for tests and diagnostics).
    public func tables() async -> ChatTables {
        await engine.snapshot
    }
}
