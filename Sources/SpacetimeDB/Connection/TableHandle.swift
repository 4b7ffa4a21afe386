/// Typed access to one cached table: its rows and its row callbacks.
///
/// Generated bindings wrap one per table (`conn.db.user`). Reads take a snapshot under the cache
/// lock, so they are safe from any thread and see whole transactions only.
public struct TableHandle<Row: TableRow>: Sendable, Sequence {
    /// The connection.
    public let connection: DbConnection
    /// The table's name.
    public let name: String

    /// A handle for table `name` of `connection`.
    public init(connection: DbConnection, name: String) {
        self.connection = connection
        self.name = name
    }

    /// The number of cached rows.
    public var count: Int { connection.cachedCount(name) }

    /// A snapshot of every cached row, in no particular order.
    public func iter() -> [Row] { connection.cachedRows(name, as: Row.self) }

    /// Iterates a snapshot of the cached rows.
    public func makeIterator() -> IndexingIterator<[Row]> { iter().makeIterator() }

    /// Runs `callback` for every row that enters the cache.
    @discardableResult
    public func onInsert(_ callback: @escaping @Sendable (EventContext, Row) -> Void) -> CallbackId {
        connection.callbacks.addInsert(name, callback)
    }

    /// Runs `callback` for every row that leaves the cache.
    @discardableResult
    public func onDelete(_ callback: @escaping @Sendable (EventContext, Row) -> Void) -> CallbackId {
        connection.callbacks.addDelete(name, callback)
    }

    /// Runs `callback(old, new)` when a row is replaced by one with the same primary key.
    @discardableResult
    public func onUpdate(_ callback: @escaping @Sendable (EventContext, Row, Row) -> Void) -> CallbackId {
        connection.callbacks.addUpdate(name, callback)
    }

    /// Removes a callback registered on this table.
    public func removeCallback(_ id: CallbackId) {
        connection.callbacks.removeTableCallback(id, table: name, as: Row.self)
    }

    /// The unique column `column` whose values have type `Key`.
    public func unique<Key: Hashable & Sendable>(_ column: String, as _: Key.Type = Key.self) -> UniqueIndexHandle<Row, Key> {
        UniqueIndexHandle(connection: connection, table: name, column: column)
    }
}
