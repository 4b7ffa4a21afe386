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

    /// Whole seconds until the next reconnect attempt, rounded up and never negative; nil unless
    /// reconnecting. For the status bar's "reconnecting in Ns".
    public func secondsUntilRetry(now: Timestamp) -> Int? {
        guard case .reconnecting(_, let next) = self else { return nil }
        let micros = next.microsecondsSinceUnixEpoch.subtractingReportingOverflow(now.microsecondsSinceUnixEpoch)
        guard !micros.overflow else { return next > now ? Int.max : 0 }
        guard micros.partialValue > 0 else { return 0 }
        return Int((micros.partialValue + 999_999) / 1_000_000)
    }
}
