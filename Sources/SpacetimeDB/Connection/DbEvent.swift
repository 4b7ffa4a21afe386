/// Why callbacks run: what happened on the server or to the connection.
public enum DbEvent: Sendable {
    /// A subscription's initial rows arrived.
    case subscribeApplied
    /// A subscription ended and its rows left the cache.
    case unsubscribeApplied
    /// A reducer ran: one this client called (with its outcome), or, on v1 without light mode,
    /// another client's (``ReducerEvent/isOwnCall`` tells which).
    case reducer(ReducerEvent)
    /// Another client's transaction changed subscribed rows; the server did not say which reducer
    /// (v1 light mode, and always on v2/v3).
    case transaction
    /// The connection came back after a drop; these are the rows that changed meanwhile.
    case reconnected
    /// A subscription failed with this message.
    case subscribeError(String)
    /// The connection ended.
    case disconnected
}
