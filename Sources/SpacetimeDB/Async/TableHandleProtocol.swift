/// What every generated table handle (`conn.db.message`) is: typed access to one cached table through
/// the SDK's generic ``TableHandle``. The SDK extends it, so features such as ``changes`` reach every
/// table of every module without new generated code.
public protocol TableHandleProtocol: Sendable {
    /// The table's row type.
    associatedtype Row: TableRow
    /// The SDK's generic handle for the table.
    var handle: TableHandle<Row> { get }
}

extension TableHandleProtocol {
    /// Maps a snapshot of the cached rows through `transform` without an intermediate array of rows;
    /// see ``TableHandle/mapRows(_:)``.
    @inlinable public func mapRows<T, E: Error>(_ transform: (Row) throws(E) -> T) throws(E) -> [T] {
        try handle.mapRows(transform)
    }

    /// Calls `body` with each row of a snapshot of the cache; see ``TableHandle/forEachRow(_:)``.
    @inlinable public func forEachRow<E: Error>(_ body: (Row) throws(E) -> Void) throws(E) {
        try handle.forEachRow(body)
    }

    /// The table's row changes from now on, as an `AsyncSequence` that never drops one; see
    /// ``TableHandle/changes(bufferingPolicy:)``.
    ///
    /// ```swift
    /// for await change in conn.db.message.changes {
    ///     if case .insert(let message) = change.kind { print(message.text) }
    /// }
    /// ```
    public var changes: AsyncStream<TableChange<Row>> { handle.changes(bufferingPolicy: .unbounded) }

    /// The table's row changes from now on, buffered as `bufferingPolicy` says; see
    /// ``TableHandle/changes(bufferingPolicy:)``.
    public func changes(
        bufferingPolicy: AsyncStream<TableChange<Row>>.Continuation.BufferingPolicy
    ) -> AsyncStream<TableChange<Row>> {
        handle.changes(bufferingPolicy: bufferingPolicy)
    }
}
