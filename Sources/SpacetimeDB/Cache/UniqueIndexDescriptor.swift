/// A unique column (or primary key) of a table: its name and how to read its value from a row.
public struct UniqueIndexDescriptor<Row: TableRow>: Sendable {
    /// The column's name, e.g. `identity`.
    public let name: String
    let makeStorage: @Sendable () -> any UniqueIndexStorage<Row>

    /// Describes the unique column `name` whose value `key` reads from a row.
    public init<Key: Hashable & Sendable>(name: String, key: @escaping @Sendable (Row) -> Key) {
        self.name = name
        self.makeStorage = { UniqueIndex<Row, Key>(name: name, key: key) }
    }
}

/// A type-erased unique index over one table's rows.
@usableFromInline protocol UniqueIndexStorage<Row>: Sendable {
    associatedtype Row: TableRow
    /// The column's name.
    var name: String { get }
    /// Points the row's key at the row's `position` in its table.
    mutating func insert(_ row: Row, position: Int)
    /// Forgets the row's key, unless it already points at another row (an update inserted first).
    mutating func remove(_ row: Row, position: Int)
    /// Follows the row from `old` to `new` when the table moves it, if the key points at it.
    mutating func move(_ row: Row, from old: Int, to new: Int)
    /// The position of the row stored under `key`, which must be of the index's key type.
    func find(_ key: some Hashable & Sendable) -> Int?
    /// Pairs deleted and inserted rows with equal keys into updates.
    func pairUpdates(deletes: [Row], inserts: [Row]) -> (updates: [(old: Row, new: Row)], deletes: [Row], inserts: [Row])
}

/// A unique index with a concrete key type.
struct UniqueIndex<Row: TableRow, Key: Hashable & Sendable>: UniqueIndexStorage {
    let name: String
    let key: @Sendable (Row) -> Key
    var entries: [Key: Int] = [:]

    init(name: String, key: @escaping @Sendable (Row) -> Key) {
        self.name = name
        self.key = key
    }

    mutating func insert(_ row: Row, position: Int) {
        entries[key(row)] = position
    }

    mutating func remove(_ row: Row, position: Int) {
        let value = key(row)
        if entries[value] == position { entries[value] = nil }
    }

    mutating func move(_ row: Row, from old: Int, to new: Int) {
        let value = key(row)
        if entries[value] == old { entries[value] = new }
    }

    func find(_ key: some Hashable & Sendable) -> Int? {
        guard let key = key as? Key else { return nil }
        return entries[key]
    }

    func pairUpdates(deletes: [Row], inserts: [Row]) -> (updates: [(old: Row, new: Row)], deletes: [Row], inserts: [Row]) {
        guard !deletes.isEmpty, !inserts.isEmpty else { return ([], deletes, inserts) }
        var deletedByKey: [Key: Int] = [:]
        for (index, row) in deletes.enumerated() { deletedByKey[key(row)] = index }
        var paired = Set<Int>()
        var updates: [(old: Row, new: Row)] = []
        var remainingInserts: [Row] = []
        for row in inserts {
            if let index = deletedByKey.removeValue(forKey: key(row)) {
                paired.insert(index)
                updates.append((old: deletes[index], new: row))
            } else {
                remainingInserts.append(row)
            }
        }
        var remainingDeletes: [Row] = []
        for (index, row) in deletes.enumerated() where !paired.contains(index) { remainingDeletes.append(row) }
        return (updates, remainingDeletes, remainingInserts)
    }
}
