/// Work for the drain thread, put into the connection's inbox by the network thread, timers or the app.
enum InboxItem: Sendable {
    /// A binary message from transport `generation`, to decode with `version`.
    case frame(generation: UInt64, version: ProtocolVersion, bytes: [UInt8])
    /// Transport `generation` ended.
    case closed(generation: UInt64, DbConnectionError?)
    /// The reconnect delay scheduled while transport `generation` was current has passed.
    case retryTimer(generation: UInt64)
    /// The connection stopped without a transport event (disconnect while waiting to reconnect).
    case stopped(DbConnectionError?)
    /// Run this on the drain thread (callbacks for requests that cannot be sent any more).
    case run(@Sendable () -> Void)
}
