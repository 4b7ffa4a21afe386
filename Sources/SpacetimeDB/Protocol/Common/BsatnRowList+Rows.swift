extension BsatnRowList {
    /// The rows of a ``BsatnRowList`` whose size hint was checked, each a slice of the list's data.
    public struct Rows: RandomAccessCollection, Sendable {
        @usableFromInline let data: ArraySlice<UInt8>
        /// Bytes per row for `FixedSize`, 0 for `RowOffsets`.
        @usableFromInline let fixedSize: Int
        @usableFromInline let offsets: [UInt64]
        /// The number of rows.
        public let count: Int

        @usableFromInline init(data: ArraySlice<UInt8>, fixedSize: Int, offsets: [UInt64], count: Int) {
            self.data = data
            self.fixedSize = fixedSize
            self.offsets = offsets
            self.count = count
        }

        /// The first row's index, 0.
        @inlinable public var startIndex: Int { 0 }
        /// One past the last row's index.
        @inlinable public var endIndex: Int { count }

        /// The bytes of row `index`, sharing the list's buffer.
        @inlinable public subscript(index: Int) -> ArraySlice<UInt8> {
            precondition(index >= 0 && index < count, "row index out of range")
            let base = data.startIndex
            if fixedSize > 0 {
                let start = base + index * fixedSize
                return data[start..<(start + fixedSize)]
            }
            let start = base + Int(offsets[index])
            let end = index + 1 < count ? base + Int(offsets[index + 1]) : data.endIndex
            return data[start..<end]
        }
    }
}

extension BsatnRowList {
    /// Whether the list is one ``rows()`` accepts with no rows: no data, and a fixed size or no
    /// offsets. Such lists (a transaction's deletes, usually) can be left out of a change unchanged
    /// in meaning. False for offsets without data: those are rows of zero bytes, which must still
    /// reach the row decoder.
    @inlinable var hasNoRows: Bool {
        guard rowsData.isEmpty else { return false }
        switch sizeHint {
        case .fixedSize: return true
        case .rowOffsets(let offsets): return offsets.isEmpty
        }
    }
}

extension Array where Element == BsatnRowList {
    /// Appends `list`; the first one as a one-element array literal, which allocates exactly once
    /// (an append to an empty array goes through the general growth path).
    @inlinable mutating func appendList(_ list: BsatnRowList) {
        if isEmpty { self = [list] } else { append(list) }
    }
}
