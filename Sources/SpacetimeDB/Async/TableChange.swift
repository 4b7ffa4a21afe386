/// One row change in a table, as delivered by ``TableHandleProtocol/changes``.
public struct TableChange<Row: TableRow>: Sendable {
    /// What happened to the row.
    public enum Kind: Sendable {
        /// The row entered the cache.
        case insert(Row)
        /// The row left the cache.
        case delete(Row)
        /// A row was replaced by one with the same primary key (tables with a primary key only).
        case update(old: Row, new: Row)
    }

    /// What happened to the row.
    public let kind: Kind
    /// Why it happened: a reducer (with its outcome and caller), a subscription applying, a reconnect...
    public let event: DbEvent

    /// Creates a change.
    public init(_ kind: Kind, event: DbEvent) {
        self.kind = kind
        self.event = event
    }

    /// The new row of an insert or update, nil for a delete.
    public var newRow: Row? {
        switch kind {
        case .insert(let row), .update(_, let row): return row
        case .delete: return nil
        }
    }

    /// The old row of a delete or update, nil for an insert.
    public var oldRow: Row? {
        switch kind {
        case .delete(let row), .update(let row, _): return row
        case .insert: return nil
        }
    }
}
