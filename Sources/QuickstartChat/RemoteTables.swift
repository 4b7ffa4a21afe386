import SpacetimeDB

/// The module's tables in the client cache: `conn.db` / `ctx.db`.
public struct RemoteTables: Sendable {
    let connection: DbConnection

    /// Table `user`.
    public var user: UserTableHandle { UserTableHandle(connection: connection) }
    /// Table `message`.
    public var message: MessageTableHandle { MessageTableHandle(connection: connection) }
}

extension DbContext {
    /// The module's tables in the client cache.
    public var db: RemoteTables { RemoteTables(connection: connection) }
}
