/// Accumulates encoded rows into a ``BsatnRowList`` the way SpacetimeDB's server does
/// (`crates/core/src/subscription/websocket_building.rs`).
///
/// The list stays `FixedSize` while every row has the same non-zero length (that fits a `u16`) and
/// switches to `RowOffsets` at the first row of another length; an empty list is `RowOffsets([])`.
public struct BsatnRowListBuilder: Sendable {
    private var writer: BSATNWriter
    /// The common row length while in fixed-size mode.
    private var fixedSize: Int?
    /// Row start offsets, filled once the list switched to `RowOffsets`.
    private var offsets: [UInt64] = []
    private var usesOffsets = false
    /// The number of rows appended so far.
    public private(set) var count = 0

    /// Creates an empty builder reserving `capacity` bytes of row data.
    public init(capacity: Int = 256) {
        writer = BSATNWriter(capacity: capacity)
    }

    /// Appends one row's BSATN bytes.
    public mutating func append<C: Collection>(encodedRow: C) where C.Element == UInt8 {
        let start = writer.count
        writer.writeRaw(encodedRow)
        rowAppended(start: start)
    }

    /// Encodes `row` straight into the list's data.
    public mutating func append<T: BSATNEncodable>(_ row: T) {
        let start = writer.count
        row.encode(to: &writer)
        rowAppended(start: start)
    }

    private mutating func rowAppended(start: Int) {
        let length = writer.count - start
        defer { count += 1 }
        if usesOffsets {
            offsets.append(UInt64(start))
            return
        }
        if count == 0, length > 0, length <= Int(UInt16.max) {
            fixedSize = length
            return
        }
        if let size = fixedSize, size == length { return }
        // Switch to offsets: the rows so far all had `fixedSize` bytes (or there were none).
        usesOffsets = true
        let size = fixedSize ?? 0
        offsets.reserveCapacity(count + 1)
        for index in 0..<count { offsets.append(UInt64(index * size)) }
        offsets.append(UInt64(start))
        fixedSize = nil
    }

    /// The finished list.
    public func build() -> BsatnRowList {
        if count == 0 { return .empty }
        if !usesOffsets, let size = fixedSize {
            return BsatnRowList(sizeHint: .fixedSize(UInt16(size)), rowsData: writer.bytes[...])
        }
        return BsatnRowList(sizeHint: .rowOffsets(offsets), rowsData: writer.bytes[...])
    }
}
