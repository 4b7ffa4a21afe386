/// A unique column of a cached table, for `find`.
public struct UniqueIndexHandle<Row: TableRow, Key: Hashable & Sendable>: Sendable {
    let connection: DbConnection
    let table: String
    let column: String

    /// The cached row whose column equals `key`.
    public func find(_ key: Key) -> Row? {
        connection.cachedRow(table, index: column, key: key, as: Row.self)
    }
}
