import Logging

/// Configures and opens a ``DbConnection``, as `DbConnection::builder()` does in the Rust SDK.
///
/// ```swift
/// let conn = try DbConnection.builder()
///     .withUri("http://localhost:3000")
///     .withDatabaseName("quickstart-chat")
///     .withToken(try? CredentialsFile("quickstart-chat").load())
///     .onConnect { conn, identity, token in try? CredentialsFile("quickstart-chat").save(token) }
///     .onDisconnect { ctx, error in print("Disconnected", error.map { "\($0)" } ?? "") }
///     .build()
/// ```
public struct DbConnectionBuilder: Sendable {
    var configuration: DbConnectionConfiguration

    /// Starts a builder for a module (generated bindings call this from `DbConnection.builder()`).
    public init(module: ModuleDescriptor) {
        configuration = DbConnectionConfiguration(module: module)
    }

    private func with(_ change: (inout DbConnectionConfiguration) -> Void) -> DbConnectionBuilder {
        var copy = self
        change(&copy.configuration)
        return copy
    }

    /// The server: `http://`, `https://`, `ws://` or `wss://`, e.g. `http://localhost:3000`.
    public func withUri(_ uri: String) -> DbConnectionBuilder { with { $0.uri = uri } }
    /// The database name or identity, e.g. `quickstart-chat`.
    public func withDatabaseName(_ name: String) -> DbConnectionBuilder { with { $0.databaseName = name } }
    /// The token to authenticate with; nil connects anonymously and the server mints an identity.
    public func withToken(_ token: String?) -> DbConnectionBuilder { with { $0.token = token } }
    /// The compression the server should use for its messages (default Brotli, as the server's default).
    public func withCompression(_ compression: Compression) -> DbConnectionBuilder { with { $0.compression = compression } }
    /// Ask for updates only after they are durable (`confirmed=`); unset leaves the server's default.
    public func withConfirmedReads(_ confirmed: Bool) -> DbConnectionBuilder { with { $0.confirmedReads = confirmed } }
    /// v1 light mode: other clients' transactions arrive without reducer information.
    public func withLightMode(_ light: Bool) -> DbConnectionBuilder { with { $0.lightMode = light } }
    /// Ask for this connection id (deprecated by SpacetimeDB; normally the server picks one).
    public func withConnectionId(_ id: ConnectionId) -> DbConnectionBuilder { with { $0.connectionId = id } }
    /// The subprotocols to offer (default v3, v2, v1); the server picks the newest it knows.
    public func withProtocols(_ protocols: [ProtocolVersion]) -> DbConnectionBuilder { with { $0.protocols = protocols } }
    /// Reconnect automatically after a drop, with this backoff (off by default, as in the Rust SDK).
    public func withReconnect(_ policy: ReconnectPolicy = ReconnectPolicy()) -> DbConnectionBuilder {
        with { $0.reconnectPolicy = policy }
    }
    /// Give the connection up (``DbConnectionError/timedOut``, then reconnect if enabled) when a reducer
    /// call stays unanswered this long (default 30 s; nil never gives up), even if the socket still
    /// answers keep-alive Pings. See <doc:ReconnectAndReconciliation>.
    public func withResponseTimeout(_ timeout: Duration?) -> DbConnectionBuilder { with { $0.responseTimeout = timeout } }
    /// The random source for reconnect jitter, numbers in `0..<1` (tests inject a fixed one).
    public func withRandomSource(_ random: @escaping @Sendable () -> Double) -> DbConnectionBuilder { with { $0.random = random } }
    /// How to open the WebSocket (default SwiftNIO); tests pass an in-memory transport.
    public func withTransport(_ connector: any TransportConnector) -> DbConnectionBuilder { with { $0.connector = connector } }
    /// Where the SDK logs.
    public func withLogger(_ logger: Logger) -> DbConnectionBuilder { with { $0.logger = logger } }

    /// Runs once the server identified this client: with the identity and the token to save.
    public func onConnect(_ callback: @escaping @Sendable (DbConnection, Identity, String) -> Void) -> DbConnectionBuilder {
        with { $0.onConnect = callback }
    }
    /// Runs if the first connection attempt fails (HTTP 401/404, unreachable host...).
    public func onConnectError(_ callback: @escaping @Sendable (EventContext, DbConnectionError) -> Void) -> DbConnectionBuilder {
        with { $0.onConnectError = callback }
    }
    /// Runs when the connection ends for good; the error is nil after ``DbConnection/disconnect()``.
    public func onDisconnect(_ callback: @escaping @Sendable (EventContext, DbConnectionError?) -> Void) -> DbConnectionBuilder {
        with { $0.onDisconnect = callback }
    }
    /// Runs whenever the lifecycle state changes (connected, reconnecting with countdown, closed).
    public func onStatusChange(_ callback: @escaping @Sendable (ConnectionStatus) -> Void) -> DbConnectionBuilder {
        with { $0.onStatusChange = callback }
    }

    /// Starts connecting and returns the connection at once; the outcome arrives through the callbacks,
    /// which run when the app drains the connection (``DbConnection/runThreaded()`` or ``DbConnection/frameTick()``).
    ///
    /// Throws only for a configuration that can never connect: no URI, no database name, a bad URI.
    public func build() throws(DbConnectionError) -> DbConnection {
        guard let uri = configuration.uri else { throw .missingConfiguration("call withUri(_:) before build()") }
        guard let name = configuration.databaseName else {
            throw .missingConfiguration("call withDatabaseName(_:) before build()")
        }
        _ = try ConnectRequest.subscribe(
            uri: uri, databaseName: name, token: configuration.token, compression: configuration.compression)
        let connection = DbConnection(configuration: configuration)
        connection.start()
        return connection
    }
}
