import SpacetimeDB

/// The cached rows of table `user` (primary key `identity`) and their callbacks: `conn.db.user`.
public struct UserTableHandle: Sendable, Sequence {
    /// The table's name on the server.
    public static let tableName = "user"
    /// How the SDK caches the table: rows keyed by bytes, updates paired by `identity`.
    public static let descriptor = TableDescriptor<User>(
        name: tableName, primaryKey: UniqueIndexDescriptor(name: "identity", key: { $0.identity }))

    let handle: TableHandle<User>

    /// The handle for `connection`'s cache.
    public init(connection: DbConnection) {
        handle = TableHandle(connection: connection, name: Self.tableName)
    }

    /// The number of cached rows.
    public var count: Int { handle.count }
    /// A snapshot of the cached rows.
    public func iter() -> [User] { handle.iter() }
    /// Iterates a snapshot of the cached rows.
    public func makeIterator() -> IndexingIterator<[User]> { handle.makeIterator() }

    /// Runs for every row that enters the cache.
    @discardableResult
    public func onInsert(_ callback: @escaping @Sendable (EventContext, User) -> Void) -> CallbackId { handle.onInsert(callback) }
    /// Runs for every row that leaves the cache.
    @discardableResult
    public func onDelete(_ callback: @escaping @Sendable (EventContext, User) -> Void) -> CallbackId { handle.onDelete(callback) }
    /// Runs when a row is replaced by one with the same `identity`: old row, new row.
    @discardableResult
    public func onUpdate(_ callback: @escaping @Sendable (EventContext, User, User) -> Void) -> CallbackId {
        handle.onUpdate(callback)
    }
    /// Removes a callback registered on this table.
    public func removeCallback(_ id: CallbackId) { handle.removeCallback(id) }

    /// The unique `identity` column: `conn.db.user.identity.find(id)`.
    public var identity: UniqueIndexHandle<User, Identity> { handle.unique("identity", as: Identity.self) }
}
