extension DbConnection: DbContext {
    /// The connection itself, so `conn.db` and `conn.reducers` work as on callback contexts.
    public var connection: DbConnection { self }
}
