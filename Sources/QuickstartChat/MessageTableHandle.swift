import SpacetimeDB

/// The cached rows of table `message` (no primary key) and their callbacks: `conn.db.message`.
public struct MessageTableHandle: Sendable, Sequence {
    /// The table's name on the server.
    public static let tableName = "message"
    /// How the SDK caches the table: rows keyed by bytes, no primary key.
    public static let descriptor = TableDescriptor<Message>(name: tableName)

    let handle: TableHandle<Message>

    /// The handle for `connection`'s cache.
    public init(connection: DbConnection) {
        handle = TableHandle(connection: connection, name: Self.tableName)
    }

    /// The number of cached rows.
    public var count: Int { handle.count }
    /// A snapshot of the cached rows.
    public func iter() -> [Message] { handle.iter() }
    /// Iterates a snapshot of the cached rows.
    public func makeIterator() -> IndexingIterator<[Message]> { handle.makeIterator() }

    /// Runs for every row that enters the cache.
    @discardableResult
    public func onInsert(_ callback: @escaping @Sendable (EventContext, Message) -> Void) -> CallbackId { handle.onInsert(callback) }
    /// Runs for every row that leaves the cache.
    @discardableResult
    public func onDelete(_ callback: @escaping @Sendable (EventContext, Message) -> Void) -> CallbackId { handle.onDelete(callback) }
    /// Removes a callback registered on this table.
    public func removeCallback(_ id: CallbackId) { handle.removeCallback(id) }
}
