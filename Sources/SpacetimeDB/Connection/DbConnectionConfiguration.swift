import Logging

/// Everything a ``DbConnectionBuilder`` collected.
struct DbConnectionConfiguration: Sendable {
    var uri: String?
    var databaseName: String?
    var token: String?
    var compression: Compression = .brotli
    var lightMode = false
    var confirmedReads: Bool?
    var connectionId: ConnectionId?
    var protocols: [ProtocolVersion] = ProtocolVersion.allNewestFirst
    var module: ModuleDescriptor
    var connector: any TransportConnector = NIOWebSocketConnector()
    var reconnectPolicy: ReconnectPolicy?
    var responseTimeout: Duration? = .seconds(30)
    var random: @Sendable () -> Double = { Double.random(in: 0..<1) }
    var logger = Logger(label: "spacetimedb")
    var onConnect: (@Sendable (DbConnection, Identity, String) -> Void)?
    var onConnectError: (@Sendable (EventContext, DbConnectionError) -> Void)?
    var onDisconnect: (@Sendable (EventContext, DbConnectionError?) -> Void)?
    var onStatusChange: (@Sendable (ConnectionStatus) -> Void)?
}
