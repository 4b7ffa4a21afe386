/// What the SDK needs to know about one table to cache its rows: the name, the row type, and its
/// primary key and unique columns. Generated bindings declare one per table.
public struct TableDescriptor<Row: TableRow>: Sendable {
    /// The table's name on the server, e.g. `user`.
    public let name: String
    /// The primary key column, when the table has one: deletes and inserts with equal keys become updates.
    public let primaryKey: UniqueIndexDescriptor<Row>?
    /// Unique columns, for `find`; the primary key is included automatically.
    public let uniqueIndexes: [UniqueIndexDescriptor<Row>]
    /// The cache's work on this table, compiled for `Row` here (this initializer is inlined into the
    /// bindings that call it).
    @usableFromInline let operations: TableOperations<Row>

    /// Describes a table.
    @inlinable public init(name: String, primaryKey: UniqueIndexDescriptor<Row>? = nil, uniqueIndexes: [UniqueIndexDescriptor<Row>] = []) {
        self.name = name
        self.primaryKey = primaryKey
        var indexes = uniqueIndexes
        if let primaryKey, !indexes.contains(where: { $0.name == primaryKey.name }) {
            indexes.insert(primaryKey, at: 0)
        }
        self.uniqueIndexes = indexes
        operations = TableOperations()
    }
}

/// A table descriptor with its row type erased, so a module can list all its tables.
public struct AnyTableDescriptor: Sendable {
    /// The table's name.
    public let name: String
    let makeStore: @Sendable () -> any TableStoreProtocol

    /// Wraps a typed descriptor.
    public init<Row: TableRow>(_ descriptor: TableDescriptor<Row>) {
        name = descriptor.name
        makeStore = { TableStore(descriptor: descriptor) }
    }
}
