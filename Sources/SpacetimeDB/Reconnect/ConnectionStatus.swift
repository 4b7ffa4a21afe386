import Foundation

/// Where a connection stands, as reported to ``DbConnectionBuilder/onStatusChange(_:)``.
public enum ConnectionStatus: Sendable, Hashable {
    /// The first connection attempt is under way.
    case connecting
    /// Connected and identified by the server.
    case connected
    /// The connection dropped; reconnect attempt `attempt` (1-based) starts at `nextTry`.
    case reconnecting(attempt: Int, nextTry: Date)
    /// The connection is over for good; `reason` is nil when the app disconnected.
    case closed(reason: DbConnectionError?)
}
