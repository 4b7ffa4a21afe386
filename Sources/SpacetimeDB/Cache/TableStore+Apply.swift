/// The cache's per-row work on one table: compiled for the row type through ``TableOperations``
/// (which is why it is `@inlinable`), and run by ``TableStore``'s type-erased witnesses.
extension TableStore {
    /// ``prepare(inserts:deletes:events:)``'s work.
    @inlinable func prepareRows(inserts: [BsatnRowList], deletes: [BsatnRowList], events: [BsatnRowList]) throws(BSATNDecodingError) -> Prepared {
        var prepared = Prepared()
        if !inserts.isEmpty { prepared.insertLists.reserveCapacity(inserts.count) }
        for list in inserts {
            let rows = try list.rows()
            if !rows.isEmpty { prepared.insertLists.append(rows) }
        }
        let insertCount = prepared.insertLists.reduce(0) { $0 + $1.count }
        // (Reserving 0 would still allocate a buffer: a delete-only message reserves nothing.)
        if insertCount > 0 {
            prepared.inserts.reserveCapacity(insertCount)
            // Room for every insert decoded: always for a small message (growing from empty instead cost
            // a second allocation and a copy), and for a large one only when nothing is cached yet, so a
            // re-sent subscription whose rows are mostly cached does not reserve for rows it never decodes.
            if rows.isEmpty || insertCount <= Self.smallMessageRows { prepared.newRows.reserveCapacity(insertCount) }
        }
        // A row already cached only gains a reference, so it is not decoded. (A row repeated within
        // one message is decoded each time: rare, and cheaper than tracking what this message decoded.)
        let lookUp = !rows.isEmpty
        for list in prepared.insertLists {
            for bytes in list {
                let hash = RefCountedRows<Row>.hash(bytes)
                let isNew = !lookUp || rows.position(of: bytes, hash: hash) == nil
                if isNew {
                    let decoded = try Row(bsatnBytes: bytes)
                    assert(decoded.bsatnBytes()[...] == bytes, "\(Row.self) does not decode canonically; the cache finds rows by their bytes")
                    prepared.newRows.append(decoded)
                }
                prepared.inserts.append(Prepared.Insert(hash: hash, isNew: isNew))
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

    /// Inserts up to this many rows are a small message: ``prepareRows(inserts:deletes:events:)``
    /// reserves room to decode all of them.
    @inlinable static var smallMessageRows: Int { 64 }

    /// ``commit(_:)``'s work.
    @inlinable mutating func commitRows(_ prepared: Prepared) -> TableEvents<Row> {
        // Rows new in this message are appended from `firstNew` on; nothing is removed before the
        // end, so positions stay put and "inserted by this message" is `position >= firstNew`.
        let firstNew = rows.count
        if !prepared.inserts.isEmpty { rows.reserveCapacity(rows.count + prepared.inserts.count) }
        var next = 0
        var nextNew = 0
        for list in prepared.insertLists {
            for bytes in list {
                let insert = prepared.inserts[next]
                next += 1
                // prepare decoded every row that was not cached, and only inserts run before this point.
                let newRow = nextNew < prepared.newRows.count && insert.isNew ? prepared.newRows[nextNew] : nil
                if insert.isNew { nextNew += 1 }
                // Also finds a row this message already inserted (a repeat within one message).
                if let position = rows.position(of: bytes, hash: insert.hash) {
                    rows.retain(at: position)
                    continue
                }
                guard let row = newRow else { continue }
                let position = rows.append(row, hash: insert.hash)
                for index in indexes.indices { indexes[index].insert(row, position: position) }
            }
        }
        // Every decoded row became a new cached row, in order: they are the insert events unless a
        // delete below empties one of them again.
        var newRowsAreInserts = rows.count - firstNew == prepared.newRows.count
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
            if position < firstNew { deleted.append(rows.entries[position].row) } else { newRowsAreInserts = false }
        }
        var inserted: [Row] = []
        if newRowsAreInserts {
            inserted = prepared.newRows
        } else if rows.count > firstNew {
            inserted.reserveCapacity(rows.count - firstNew + prepared.events.count)
            for position in firstNew..<rows.count where rows.entries[position].count > 0 {
                inserted.append(rows.entries[position].row)
            }
        }
        // Highest position first: the row moved into a removed row's place is then always alive.
        if !emptied.isEmpty {
            for position in emptied.sorted(by: >) { remove(at: position) }
        }
        var tableEvents = events(inserts: inserted, deletes: deleted)
        if !prepared.events.isEmpty { tableEvents.inserts += prepared.events }
        return tableEvents
    }

    /// Removes the row at `position` and repoints the indexes at the row moved into its place.
    @inlinable mutating func remove(at position: Int) {
        let row = rows.entries[position].row
        for index in indexes.indices { indexes[index].remove(row, position: position) }
        guard let movedFrom = rows.remove(at: position) else { return }
        let moved = rows.entries[position].row
        for index in indexes.indices { indexes[index].move(moved, from: movedFrom, to: position) }
    }

    /// ``reconcile(with:)``'s work.
    @inlinable mutating func reconcileRows(with fresh: TableStore<Row>) -> TableEvents<Row> {
        var inserts: [Row] = []
        var deletes: [Row] = []
        for entry in fresh.rows.entries where rows.position(of: entry) == nil { inserts.append(entry.row) }
        for entry in rows.entries where fresh.rows.position(of: entry) == nil { deletes.append(entry.row) }
        rows = fresh.rows
        indexes = fresh.indexes
        return events(inserts: inserts, deletes: deletes)
    }

    /// The events for these inserted and deleted rows, with deletes and inserts of one primary key
    /// paired into updates.
    @inlinable func events(inserts: [Row], deletes: [Row]) -> TableEvents<Row> {
        let dispatch = descriptor.operations.fire
        guard descriptor.primaryKey != nil, let primary = indexes.first else {
            return TableEvents(tableName: tableName, inserts: inserts, deletes: deletes, dispatch: dispatch)
        }
        let paired = primary.pairUpdates(deletes: deletes, inserts: inserts)
        return TableEvents(
            tableName: tableName, inserts: paired.inserts, deletes: paired.deletes, updates: paired.updates, dispatch: dispatch)
    }
}
