/// A type-erased table store, so the cache can hold tables of different row types by name.
protocol TableStoreProtocol: Sendable {
    /// The table's name.
    var tableName: String { get }
    /// The number of distinct rows.
    var count: Int { get }
    /// Decodes one message's changes for this table without touching the rows: the step that can fail.
    func prepare(inserts: [BsatnRowList], deletes: [BsatnRowList], events: [BsatnRowList]) throws(BSATNDecodingError) -> any PreparedTableChange
    /// Applies changes from ``prepare(inserts:deletes:events:)``: inserts, then deletes, then updates by
    /// primary key; event rows become insert events without entering the cache. Cannot fail, so a
    /// message is applied to every table or to none.
    mutating func commit(_ prepared: any PreparedTableChange) -> any TableEventsProtocol
    /// Replaces this table's rows with `fresh`'s, returning only the real differences.
    mutating func reconcile(with fresh: any TableStoreProtocol) -> any TableEventsProtocol
    /// An empty store for the same table.
    func emptyCopy() -> any TableStoreProtocol
}

/// The cached rows of one table, keyed by their BSATN bytes with a reference count each.
///
/// A row that several subscriptions match arrives once per subscription; it is inserted (and an
/// insert reported) when its count goes from 0 to 1, and deleted when it drops back to 0.
struct TableStore<Row: TableRow>: TableStoreProtocol {
    struct Entry: Sendable {
        var row: Row
        var count: Int
    }

    let descriptor: TableDescriptor<Row>
    private(set) var rows: [RowKey: Entry] = [:]
    private(set) var indexes: [any UniqueIndexStorage<Row>]

    init(descriptor: TableDescriptor<Row>) {
        self.descriptor = descriptor
        indexes = descriptor.uniqueIndexes.map { $0.makeStorage() }
    }

    var tableName: String { descriptor.name }
    var count: Int { rows.count }

    /// Every row, in no particular order.
    var allRows: [Row] { rows.values.map(\.row) }

    /// The row whose unique column `index` equals `key`.
    func find(index: String, key: some Hashable & Sendable) -> Row? {
        guard let storage = indexes.first(where: { $0.name == index }), let rowKey = storage.find(key) else { return nil }
        return rows[rowKey]?.row
    }

    /// One table's share of a message, decoded: insert keys with their rows (decoded only where
    /// the row is new to the cache) and delete keys.
    struct Prepared: PreparedTableChange {
        var inserts: [(key: RowKey, row: Row?)] = []
        var deletes: [RowKey] = []
        /// Event-table rows (v2): reported as inserts, never stored, as the Rust SDK's event tables.
        var events: [Row] = []
    }

    func prepare(inserts: [BsatnRowList], deletes: [BsatnRowList], events: [BsatnRowList] = []) throws(BSATNDecodingError) -> any PreparedTableChange {
        var prepared = Prepared()
        var insertCount = 0
        for list in inserts { insertCount += try list.rows().count }
        prepared.inserts.reserveCapacity(insertCount)
        // A row already cached only gains a reference, so it is not decoded. (An empty table, as at
        // the initial subscription, skips the lookup. A row repeated within one message is decoded
        // each time: rare, and cheaper than tracking what this message decoded.)
        let lookUp = !rows.isEmpty
        for list in inserts {
            for bytes in try list.rows() {
                let key = RowKey(bytes)
                if lookUp && rows[key] != nil {
                    prepared.inserts.append((key, nil))
                } else {
                    prepared.inserts.append((key, try Row(bsatnBytes: bytes)))
                }
            }
        }
        for list in deletes {
            for bytes in try list.rows() { prepared.deletes.append(RowKey(bytes)) }
        }
        for list in events {
            for bytes in try list.rows() { prepared.events.append(try Row(bsatnBytes: bytes)) }
        }
        return prepared
    }

    /// Prepares and commits one table's changes: for a single table, where all-or-nothing across
    /// tables does not arise.
    mutating func apply(inserts: [BsatnRowList], deletes: [BsatnRowList]) throws(BSATNDecodingError) -> any TableEventsProtocol {
        commit(try prepare(inserts: inserts, deletes: deletes, events: []))
    }

    mutating func commit(_ change: any PreparedTableChange) -> any TableEventsProtocol {
        guard let prepared = change as? Prepared else { return TableEvents<Row>(tableName: tableName) }
        var inserted: [(key: RowKey, row: Row)] = []
        var insertedIndex: [RowKey: Int] = [:]
        var cancelled = Set<Int>()
        var deleted: [Row] = []
        // Cancelling an insert needs to find it again, which only a delete in the same message can ask for.
        let tracksInserts = !prepared.deletes.isEmpty
        if !prepared.inserts.isEmpty {
            rows.reserveCapacity(rows.count + prepared.inserts.count)
            inserted.reserveCapacity(prepared.inserts.count)
        }
        for (key, decoded) in prepared.inserts {
            if let existing = rows.index(forKey: key) {
                rows.values[existing].count += 1
                continue
            }
            // prepare decoded every row that was not cached, and only inserts run before this point.
            guard let row = decoded else { continue }
            rows[key] = Entry(row: row, count: 1)
            for index in indexes.indices { indexes[index].insert(row, rowKey: key) }
            if tracksInserts { insertedIndex[key] = inserted.count }
            inserted.append((key, row))
        }
        for key in prepared.deletes {
            guard var entry = rows[key] else { continue }  // not cached: nothing to remove
            entry.count -= 1
            if entry.count > 0 {
                rows[key] = entry
                continue
            }
            rows[key] = nil
            for index in indexes.indices { indexes[index].remove(entry.row, rowKey: key) }
            if let position = insertedIndex.removeValue(forKey: key) {
                cancelled.insert(position)  // inserted and deleted in one message: no event
            } else {
                deleted.append(entry.row)
            }
        }
        var insertedRows: [Row] = []
        insertedRows.reserveCapacity(inserted.count - cancelled.count)
        for (position, item) in inserted.enumerated() where !cancelled.contains(position) { insertedRows.append(item.row) }
        var tableEvents = events(inserts: insertedRows, deletes: deleted)
        tableEvents.inserts += prepared.events
        return tableEvents
    }

    mutating func reconcile(with fresh: any TableStoreProtocol) -> any TableEventsProtocol {
        guard let fresh = fresh as? TableStore<Row> else { return TableEvents<Row>(tableName: tableName) }
        var inserts: [Row] = []
        var deletes: [Row] = []
        for (key, entry) in fresh.rows where rows[key] == nil { inserts.append(entry.row) }
        for (key, entry) in rows where fresh.rows[key] == nil { deletes.append(entry.row) }
        rows = fresh.rows
        indexes = fresh.indexes
        return events(inserts: inserts, deletes: deletes)
    }

    func emptyCopy() -> any TableStoreProtocol { TableStore(descriptor: descriptor) }

    private func events(inserts: [Row], deletes: [Row]) -> TableEvents<Row> {
        guard descriptor.primaryKey != nil, let primary = indexes.first else {
            return TableEvents(tableName: tableName, inserts: inserts, deletes: deletes)
        }
        let paired = primary.pairUpdates(deletes: deletes, inserts: inserts)
        return TableEvents(tableName: tableName, inserts: paired.inserts, deletes: paired.deletes, updates: paired.updates)
    }
}
