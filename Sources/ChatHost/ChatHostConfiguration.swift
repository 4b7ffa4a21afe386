import Foundation
import Logging
import NIOCore

/// How to run a ``ChatHost``.
public struct ChatHostConfiguration: Sendable {
    /// The TCP port; 0 picks a free ephemeral port (read it back from ``ChatHost/port``).
    public var port: Int
    /// The address to bind; loopback unless told otherwise.
    public var bindAddress: String
    /// Where the commit log, the signing key and the lock file live (created if missing).
    public var dataDirectory: URL
    /// PEM certificate chain for TLS (`wss://`); TLS is on when both this and ``tlsKeyPath`` are set.
    public var tlsCertificatePath: String?
    /// PEM private key for TLS.
    public var tlsKeyPath: String?
    /// The database name clients connect to.
    public var databaseName: String
    /// How often the host pings each client.
    public var pingInterval: TimeAmount
    /// How long a client may stay silent (no frame, not even a pong) before it is dropped.
    public var idleTimeout: TimeAmount
    /// How long a plain HTTP request may take to arrive whole (from the connection opening, then from its head).
    public var httpRequestTimeout: TimeAmount
    /// How long a keep-alive HTTP connection may sit idle between requests.
    public var httpIdleTimeout: TimeAmount
    /// The most connections (HTTP and WebSocket) open at once; more are closed on accept, with a log line.
    public var maxConnections: Int
    /// How long a close frame may wait for the client to read it before the connection is cut anyway.
    public var closeTimeout: TimeAmount
    /// The largest client message accepted (SpacetimeDB: 32 MiB).
    public var maxIncomingMessageBytes: Int
    /// Outbound bytes a client may leave unread before it is dropped as too slow: the high-water mark
    /// of its channel's write buffer (control frames also count a fixed overhead each).
    public var maxPendingOutboundBytes: Int
    /// Incoming messages a client may have queued before it is closed with 1013 (SpacetimeDB: 16384).
    public var maxQueuedIncomingMessages: Int
    /// Whether a damaged commit log is copied aside and the host started from the intact records
    /// before the damage (`--recover`), instead of refusing to start.
    public var recoverDamagedLog: Bool
    /// Where the host logs.
    public var logger: Logger

    /// A configuration with SpacetimeDB's defaults: port 3000 on 127.0.0.1, database `quickstart-chat`.
    public init(
        dataDirectory: URL, port: Int = 3000, bindAddress: String = "127.0.0.1", tlsCertificatePath: String? = nil,
        tlsKeyPath: String? = nil, databaseName: String = "quickstart-chat",
        logger: Logger = Logger(label: "spacetime-chat.host")
    ) {
        self.port = port
        self.bindAddress = bindAddress
        self.dataDirectory = dataDirectory
        self.tlsCertificatePath = tlsCertificatePath
        self.tlsKeyPath = tlsKeyPath
        self.databaseName = databaseName
        self.pingInterval = .seconds(15)
        self.idleTimeout = .seconds(30)
        self.httpRequestTimeout = .seconds(10)
        self.httpIdleTimeout = .seconds(30)
        self.maxConnections = 1024
        self.closeTimeout = .seconds(5)
        self.maxIncomingMessageBytes = 0x200_0000
        self.maxPendingOutboundBytes = 64 * 1024 * 1024
        self.maxQueuedIncomingMessages = 16384
        self.recoverDamagedLog = false
        self.logger = logger
    }
}
