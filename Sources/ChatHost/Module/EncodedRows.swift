import SpacetimeDB

/// The BSATN of a table's rows, back to back in row order, and where each row starts: kept beside
/// the decoded rows so that a subscription to a run of them (`--since all`: every message) goes
/// out as one slice of these bytes instead of being encoded again, row by row, for every subscriber.
///
/// Appending is the usual change (a message is sent now); inserting or removing in the middle shifts
/// the bytes after it, as it shifts the decoded rows.
struct EncodedRows: Sendable, Equatable {
    /// Every row's BSATN, in row order (encoded straight into it, no array per row).
    private var writer = BSATNWriter(capacity: 0)
    /// `starts[i]` is where row `i` begins; the last entry is `bytes.count`.
    private(set) var starts: [Int] = [0]

    /// Every row's BSATN, in row order.
    var bytes: [UInt8] { writer.bytes }

    /// The number of rows.
    var count: Int { starts.count - 1 }

    static func == (left: EncodedRows, right: EncodedRows) -> Bool {
        left.starts == right.starts && left.bytes == right.bytes
    }

    /// Adds `row` after the others.
    mutating func append(_ row: some BSATNEncodable) {
        row.encode(to: &writer)
        starts.append(writer.count)
    }

    /// Adds a row given as its BSATN (as read back from the commit log) after the others.
    mutating func append(encoded row: [UInt8]) {
        writer.writeRaw(row)
        starts.append(writer.count)
    }

    /// Inserts `row` so that it becomes row `index` (rewrites the bytes after it).
    mutating func insert(_ row: some BSATNEncodable, at index: Int) {
        let encoded = row.bsatnBytes()
        var bytes = writer.bytes
        bytes.insert(contentsOf: encoded, at: starts[index])
        replaceBytes(with: bytes)
        for later in (index + 1)..<starts.count { starts[later] += encoded.count }
        starts.insert(starts[index] + encoded.count, at: index + 1)
    }

    /// Removes row `index` (rewrites the bytes after it).
    mutating func remove(at index: Int) {
        let length = starts[index + 1] - starts[index]
        var bytes = writer.bytes
        bytes.removeSubrange(starts[index]..<starts[index + 1])
        replaceBytes(with: bytes)
        starts.remove(at: index + 1)
        for later in (index + 1)..<starts.count { starts[later] -= length }
    }

    private mutating func replaceBytes(with bytes: [UInt8]) {
        writer = BSATNWriter(capacity: bytes.count)
        writer.writeRaw(bytes)
    }

    /// Row `index`'s BSATN.
    func row(at index: Int) -> ArraySlice<UInt8> {
        bytes[starts[index]..<starts[index + 1]]
    }

    /// Rows `range` as one row list, sharing these bytes: the same list ``BsatnRowListBuilder``
    /// makes from them (`FixedSize` when every row has one non-zero length that fits a `u16`, else
    /// `RowOffsets`; empty is `RowOffsets([])`).
    func rowList(_ range: Range<Int>) -> BsatnRowList {
        guard !range.isEmpty else { return .empty }
        let base = starts[range.lowerBound]
        let data = bytes[base..<starts[range.upperBound]]
        let firstLength = starts[range.lowerBound + 1] - base
        var sameLength = firstLength > 0 && firstLength <= Int(UInt16.max)
        var offsets: [UInt64] = []
        offsets.reserveCapacity(range.count)
        for index in range {
            offsets.append(UInt64(starts[index] - base))
            if sameLength, starts[index + 1] - starts[index] != firstLength { sameLength = false }
        }
        if sameLength { return BsatnRowList(sizeHint: .fixedSize(UInt16(firstLength)), rowsData: data) }
        return BsatnRowList(sizeHint: .rowOffsets(offsets), rowsData: data)
    }
}
