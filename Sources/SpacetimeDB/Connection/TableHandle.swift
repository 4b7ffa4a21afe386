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
    @inlinable public func iter() -> [Row] { mapRows { $0 } }

    /// Maps a snapshot of the cached rows through `transform`, in ``iter()``'s order, without first
    /// copying them into an array of rows.
    ///
    /// The snapshot shares the cache's storage (taking it copies nothing) and `transform` runs
    /// outside the cache's lock, so it may use the connection; messages applied meanwhile do not
    /// change the rows it sees. Inlined into the caller, so the loop runs specialized for `Row`.
    @inlinable public func mapRows<T, E: Error>(_ transform: (Row) throws(E) -> T) throws(E) -> [T] {
        let entries = connection.cachedEntries(name, as: Row.self)
        var result: [T] = []
        result.reserveCapacity(entries.count)
        for entry in entries { result.append(try transform(entry.row)) }
        return result
    }

    /// Calls `body` with each row of a snapshot of the cache, in ``iter()``'s order, without copying
    /// the rows into an array (see ``mapRows(_:)``).
    @inlinable public func forEachRow<E: Error>(_ body: (Row) throws(E) -> Void) throws(E) {
        for entry in connection.cachedEntries(name, as: Row.self) { try body(entry.row) }
    }

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
