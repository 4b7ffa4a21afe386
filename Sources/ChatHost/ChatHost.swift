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
    private let listener: ListeningSocket
    let engine: HostEngine
    private let lock: NIOLockedValueBox<DataDirectoryLock?>
    private let logger: Logger

    /// The base URL clients connect to, e.g. `http://127.0.0.1:3000`.
    public var url: String { "\(usesTLS ? "https" : "http")://\(bindAddress):\(port)" }

    private init(
        bindAddress: String, port: Int, usesTLS: Bool, databaseName: String, databaseIdentity: Identity,
        group: MultiThreadedEventLoopGroup, listener: ListeningSocket, engine: HostEngine, lock: DataDirectoryLock,
        logger: Logger
    ) {
        self.bindAddress = bindAddress
        self.port = port
        self.usesTLS = usesTLS
        self.databaseName = databaseName
        self.databaseIdentity = databaseIdentity
        self.group = group
        self.listener = listener
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
        let pipeline = HostPipeline(
            configuration: configuration, engine: engine, authority: authority, databases: databases, router: router,
            sslContext: sslContext, limiter: ConnectionLimiter(limit: configuration.maxConnections, logger: logger))
        let listener: ListeningSocket
        do {
            listener = try ListeningSocket(
                host: configuration.bindAddress, port: configuration.port, backlog: 256, logger: logger)
        } catch {
            try? await group.shutdownGracefully()
            await engine.stop()
            lock.release()
            throw .bind(address: configuration.bindAddress, port: configuration.port, reason: "\(error)")
        }
        // Plain TCP: the session may write data frames straight to the descriptor. With TLS every
        // byte goes through NIOSSL.
        let direct = sslContext == nil
        listener.start { descriptor in
            // NIO owns the descriptor from here: it reads it, and closes it with the channel.
            _ = ClientBootstrap(group: group)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    pipeline.configure(channel, descriptor: direct ? descriptor : nil)
                }
                .withConnectedSocket(descriptor)
        }
        let port = listener.port
        logger.info(
            "host listening",
            metadata: [
                "address": "\(configuration.bindAddress)", "port": "\(port)", "database": "\(configuration.databaseName)",
                "data_dir": "\(directory.path)", "tls": "\(sslContext != nil)",
            ])
        return ChatHost(
            bindAddress: configuration.bindAddress, port: port, usesTLS: sslContext != nil,
            databaseName: configuration.databaseName, databaseIdentity: databaseIdentity, group: group,
            listener: listener, engine: engine, lock: lock, logger: logger)
    }

    /// Stops listening, records every user offline, closes every client and releases the data directory.
    public func shutdown() async {
        listener.stop()
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
