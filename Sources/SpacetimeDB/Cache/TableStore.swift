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

/// The cached rows of one table, identified by their BSATN bytes, with a reference count each.
///
/// A row that several subscriptions match arrives once per subscription; it is inserted (and an
/// insert reported) when its count goes from 0 to 1, and deleted when it drops back to 0. Rows are
/// held decoded only (``RefCountedRows``); unique indexes map column values to row positions.
struct TableStore<Row: TableRow>: TableStoreProtocol {
    let descriptor: TableDescriptor<Row>
    private(set) var rows = RefCountedRows<Row>()
    private(set) var indexes: [any UniqueIndexStorage<Row>]

    init(descriptor: TableDescriptor<Row>) {
        self.descriptor = descriptor
        indexes = descriptor.uniqueIndexes.map { $0.makeStorage() }
    }

    var tableName: String { descriptor.name }
    var count: Int { rows.count }

    /// Every row, in no particular order.
    var allRows: [Row] { rows.entries.map(\.row) }

    /// The row whose unique column `index` equals `key`.
    func find(index: String, key: some Hashable & Sendable) -> Row? {
        guard let storage = indexes.first(where: { $0.name == index }), let position = storage.find(key) else { return nil }
        return rows.entries[position].row
    }

    /// One table's share of a message, decoded: each insert's bytes and hash with its row (decoded
    /// only where the row is new to the cache), each delete's bytes and hash, and event rows.
    struct Prepared: PreparedTableChange {
        struct Insert {
            var bytes: ArraySlice<UInt8>
            var hash: UInt32
            var row: Row?
        }
        var inserts: [Insert] = []
        var deletes: [(bytes: ArraySlice<UInt8>, hash: UInt32)] = []
        /// Event-table rows (v2): reported as inserts, never stored, as the Rust SDK's event tables.
        var events: [Row] = []
    }

    func prepare(inserts: [BsatnRowList], deletes: [BsatnRowList], events: [BsatnRowList] = []) throws(BSATNDecodingError) -> any PreparedTableChange {
        var prepared = Prepared()
        var insertLists: [BsatnRowList.Rows] = []
        for list in inserts { insertLists.append(try list.rows()) }
        prepared.inserts.reserveCapacity(insertLists.reduce(0) { $0 + $1.count })
        // A row already cached only gains a reference, so it is not decoded. (A row repeated within
        // one message is decoded each time: rare, and cheaper than tracking what this message decoded.)
        let lookUp = !rows.isEmpty
        for list in insertLists {
            for bytes in list {
                let hash = RefCountedRows<Row>.hash(bytes)
                var row: Row?
                if !lookUp || rows.position(of: bytes, hash: hash) == nil {
                    let decoded = try Row(bsatnBytes: bytes)
                    assert(decoded.bsatnBytes()[...] == bytes, "\(Row.self) does not decode canonically; the cache finds rows by their bytes")
                    row = decoded
                }
                prepared.inserts.append(Prepared.Insert(bytes: bytes, hash: hash, row: row))
            }
        }
        for list in deletes {
            for bytes in try list.rows() { prepared.deletes.append((bytes, RefCountedRows<Row>.hash(bytes))) }
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
        // Rows new in this message are appended from `firstNew` on; nothing is removed before the
        // end, so positions stay put and "inserted by this message" is `position >= firstNew`.
        let firstNew = rows.count
        rows.reserveCapacity(rows.count + prepared.inserts.count)
        for insert in prepared.inserts {
            if let position = rows.position(of: insert.bytes, hash: insert.hash) {
                rows.retain(at: position)
                continue
            }
            // prepare decoded every row that was not cached, and only inserts run before this point.
            guard let row = insert.row else { continue }
            let position = rows.append(row, hash: insert.hash)
            for index in indexes.indices { indexes[index].insert(row, position: position) }
        }
        var emptied: [Int] = []
        var deleted: [Row] = []
        for delete in prepared.deletes {
            // Not cached, or already down to no references in this message: nothing to remove.
            guard let position = rows.position(of: delete.bytes, hash: delete.hash),
                rows.entries[position].count > 0
            else { continue }
            guard rows.release(at: position) == 0 else { continue }
            emptied.append(position)
            // Inserted and deleted in one message: no event either way.
            if position < firstNew { deleted.append(rows.entries[position].row) }
        }
        var inserted: [Row] = []
        inserted.reserveCapacity(rows.count - firstNew)
        for position in firstNew..<rows.count where rows.entries[position].count > 0 {
            inserted.append(rows.entries[position].row)
        }
        // Highest position first: the row moved into a removed row's place is then always alive.
        for position in emptied.sorted(by: >) { remove(at: position) }
        var tableEvents = events(inserts: inserted, deletes: deleted)
        tableEvents.inserts += prepared.events
        return tableEvents
    }

    /// Removes the row at `position` and repoints the indexes at the row moved into its place.
    private mutating func remove(at position: Int) {
        let row = rows.entries[position].row
        for index in indexes.indices { indexes[index].remove(row, position: position) }
        guard let movedFrom = rows.remove(at: position) else { return }
        let moved = rows.entries[position].row
        for index in indexes.indices { indexes[index].move(moved, from: movedFrom, to: position) }
    }

    mutating func reconcile(with fresh: any TableStoreProtocol) -> any TableEventsProtocol {
        guard let fresh = fresh as? TableStore<Row> else { return TableEvents<Row>(tableName: tableName) }
        var inserts: [Row] = []
        var deletes: [Row] = []
        for entry in fresh.rows.entries where rows.position(of: entry) == nil { inserts.append(entry.row) }
        for entry in rows.entries where fresh.rows.position(of: entry) == nil { deletes.append(entry.row) }
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
