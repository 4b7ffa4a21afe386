/// The rows of one cached table, decoded, each with its reference count, found by their BSATN bytes.
///
/// Rows are kept once, decoded, in a dense array; their bytes are not kept. Two rows are the same
/// row when their BSATN bytes are equal, so a lookup hashes the given bytes and compares them with
/// the re-encoded candidates of equal hash. That is exact because decoding is canonical: the reader
/// accepts one encoding per value (bools 0/1, valid UTF-8, known tags, no trailing bytes), so
/// `encode(decode(bytes)) == bytes` for every row that decodes (see ``TableRow``).
@usableFromInline struct RefCountedRows<Row: TableRow>: Sendable {
    /// A cached row, its hash, and how many times the server sent it (once per matching subscription).
    @usableFromInline struct Entry: Sendable {
        @usableFromInline var row: Row
        @usableFromInline var hash: UInt32
        @usableFromInline var count: UInt32

        @inlinable init(row: Row, hash: UInt32, count: UInt32) {
            self.row = row
            self.hash = hash
            self.count = count
        }
    }

    @usableFromInline var entries: ContiguousArray<Entry> = []
    @usableFromInline var index = RowHashIndex()

    @inlinable init() {}

    /// The number of distinct rows.
    @inlinable var count: Int { entries.count }
    /// Whether no row is cached.
    @inlinable var isEmpty: Bool { entries.isEmpty }

    /// The hash a row with these bytes is filed under (seeded per process, see ``BSATNReader/rowHash(_:)``).
    @inlinable static func hash(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        BSATNReader.rowHash(bytes)
    }

    /// Makes room for `capacity` rows in all, growing at least twofold (`reserveCapacity` on an
    /// array allocates exactly what is asked, so reserving one more row per message would copy every
    /// row each time).
    @inlinable mutating func reserveCapacity(_ capacity: Int) {
        guard capacity > entries.capacity else { return }
        entries.reserveCapacity(Swift.max(capacity, entries.capacity * 2))
        index.reserveCapacity(capacity)
    }

    /// The position of the row whose BSATN is `bytes` (hashed to `hash`), if cached.
    @inlinable func position(of bytes: ArraySlice<UInt8>, hash: UInt32) -> Int? {
        index.firstPosition(hash: hash) { position in
            Self.encodes(entries[position].row, as: bytes)
        }
    }

    /// The position of a row equal to `row` of another store (same bytes), if cached here.
    @inlinable func position(of entry: Entry) -> Int? {
        let bytes = entry.row.bsatnBytes()[...]
        return position(of: bytes, hash: entry.hash)
    }

    /// Adds a row not cached yet, with one reference; returns its position.
    @inlinable mutating func append(_ row: Row, hash: UInt32) -> Int {
        let position = entries.count
        entries.append(Entry(row: row, hash: hash, count: 1))
        index.insert(position: position, hash: hash)
        return position
    }

    /// Adds a reference to the row at `position`. (Saturates: four billion copies of one row are
    /// not a case; wrapping around would delete it too early.)
    @inlinable mutating func retain(at position: Int) {
        if entries[position].count < UInt32.max { entries[position].count += 1 }
    }

    /// Drops a reference to the row at `position` and returns how many are left. The row stays
    /// until ``remove(at:)``, so positions do not move while a message is being applied.
    @inlinable mutating func release(at position: Int) -> UInt32 {
        if entries[position].count > 0 { entries[position].count -= 1 }
        return entries[position].count
    }

    /// Removes the row at `position`, moving the last row into its place; returns the moved row's
    /// old position (the last one), or nil when the removed row was the last.
    @discardableResult
    @inlinable mutating func remove(at position: Int) -> Int? {
        let last = entries.count - 1
        index.remove(position: position, hash: entries[position].hash)
        guard position != last else {
            entries.removeLast()
            return nil
        }
        index.move(position: last, to: position, hash: entries[last].hash)
        entries.swapAt(position, last)
        entries.removeLast()
        return last
    }

    /// Whether `row` encodes to exactly `bytes`. Only candidates whose hash matched get here, so
    /// this runs about once per delete and per insert of a row already cached.
    @inlinable static func encodes(_ row: Row, as bytes: ArraySlice<UInt8>) -> Bool {
        var writer = BSATNWriter(capacity: bytes.count)
        row.encode(to: &writer)
        return writer.storage.count == bytes.count && writer.storage[...] == bytes
    }
}
