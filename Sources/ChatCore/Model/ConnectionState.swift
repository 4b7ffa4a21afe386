import SpacetimeDB

/// Where the connection to the database stands, for the status bar.
public enum ConnectionState: Hashable, Sendable {
    /// The first connection attempt is under way.
    case connecting
    /// Connected and identified. Sends go out once the subscription is applied too (see `ChatModel.isLive`).
    case connected
    /// The connection dropped; attempt `attempt` (1-based) starts at `nextAttemptAt`.
    case reconnecting(attempt: Int, nextAttemptAt: Timestamp)
    /// The connection closed and no retry is planned; `reason` is nil for a clean close.
    case disconnected(reason: String?)
    /// Connecting failed and no retry is planned.
    case failed(reason: String)

    /// Whether the connection is up (identity known).
    public var isConnected: Bool {
        if case .connected = self { return true }
        return false
    }
}
