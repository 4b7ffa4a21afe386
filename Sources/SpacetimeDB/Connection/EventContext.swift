/// Anything that gives access to a connection: the connection itself and every callback context.
///
/// Generated bindings extend it with `db` (tables) and `reducers`, so `ctx.db.user` works in
/// callbacks just as `conn.db.user` does.
public protocol DbContext: Sendable {
    /// The connection.
    var connection: DbConnection { get }
}

/// What a callback receives: the connection, and the event that made it run.
public struct EventContext: DbContext {
    /// The connection.
    public let connection: DbConnection
    /// Why the callback runs.
    public let event: DbEvent

    /// Creates a context.
    public init(connection: DbConnection, event: DbEvent) {
        self.connection = connection
        self.event = event
    }
}
