extension TableHandle {
    /// The table's row changes from now on, as an `AsyncStream` of ``TableChange``.
    ///
    /// - Registration: the stream's callbacks are registered when this is called, not when iteration
    ///   starts, so no change made after this call is missed (`let changes = conn.db.message.changes`,
    ///   then call a reducer, then iterate).
    /// - Order: changes arrive in the order the row callbacks run (per message: inserts, deletes,
    ///   updates), after the cache holds them; ``TableChange/event`` tells why each happened.
    /// - Buffering: the drain thread never waits for a consumer. With `.unbounded` (the default of
    ///   ``TableHandleProtocol/changes``) a slow consumer gets every change, late, and the backlog
    ///   grows in memory until it catches up. `.bufferingNewest(n)` keeps the latest `n` and drops
    ///   older ones; `.bufferingOldest(n)` keeps the first `n` and drops newer ones. A consumer that
    ///   can fall behind and only needs the current rows should read the cache (``iter()``) on each
    ///   change instead of relying on every change arriving.
    /// - End: the stream finishes when the connection closes for good (not on a reconnect, after
    ///   which only the rows that really changed arrive, with ``DbEvent/reconnected``). Ending the
    ///   iteration (break, or cancelling its task) removes the callbacks.
    public func changes(
        bufferingPolicy: AsyncStream<TableChange<Row>>.Continuation.BufferingPolicy = .unbounded
    ) -> AsyncStream<TableChange<Row>> {
        let (stream, continuation) = AsyncStream.makeStream(of: TableChange<Row>.self, bufferingPolicy: bufferingPolicy)
        let inserted = onInsert { context, row in continuation.yield(TableChange(.insert(row), event: context.event)) }
        let deleted = onDelete { context, row in continuation.yield(TableChange(.delete(row), event: context.event)) }
        let updated = onUpdate { context, old, new in
            continuation.yield(TableChange(.update(old: old, new: new), event: context.event))
        }
        let observer = connection.whenClosed { _ in continuation.finish() }
        let connection = connection
        continuation.onTermination = { [self] _ in
            for id in [inserted, deleted, updated] { removeCallback(id) }
            if let observer { connection.statusObservers.remove(observer) }
        }
        return stream
    }
}
