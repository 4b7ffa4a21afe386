/// A list of rows, each the BSATN of one row, concatenated (`BsatnRowList` in `websocket/common.rs`).
///
/// `rowsData` stays a slice of the received buffer: rows are only copied when they are decoded.
/// Use ``rows()`` to walk them as slices, or ``decodeRows(as:)`` to decode them.
public struct BsatnRowList: Hashable, Sendable, BSATNCodable {
    /// How the rows in ``rowsData`` are delimited.
    public var sizeHint: RowSizeHint
    /// The rows' BSATN, back to back, with no separators.
    public var rowsData: ArraySlice<UInt8>

    /// Creates a row list from its hint and data.
    @inlinable public init(sizeHint: RowSizeHint, rowsData: ArraySlice<UInt8>) {
        self.sizeHint = sizeHint
        self.rowsData = rowsData
    }

    /// The empty list, as the server sends it: `RowOffsets([])` and no data.
    public static let empty = BsatnRowList(sizeHint: .rowOffsets([]), rowsData: [])

    /// Builds a row list from already encoded rows, choosing the size hint as the server does.
    public init<S: Sequence>(encodedRows: S) where S.Element: Collection, S.Element.Element == UInt8 {
        var builder = BsatnRowListBuilder()
        for row in encodedRows { builder.append(encodedRow: row) }
        self = builder.build()
    }

    /// Builds a row list by encoding `rows`, choosing the size hint as the server does.
    public init<S: Sequence>(rows: S) where S.Element: BSATNEncodable {
        var builder = BsatnRowListBuilder()
        for row in rows { builder.append(row) }
        self = builder.build()
    }

    /// Writes the size hint, then the row data as a byte array.
    @inlinable public func encode(to writer: inout BSATNWriter) {
        sizeHint.encode(to: &writer)
        writer.writeByteArray(rowsData)
    }

    /// Reads the size hint and keeps the row data as a slice of the reader's buffer (no copy).
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        sizeHint = try RowSizeHint(bsatn: &reader)
        rowsData = try reader.readByteSlice()
    }

    /// The rows as slices of ``rowsData``, after checking that the size hint fits the data.
    ///
    /// Throws ``BSATNDecodingError/invalidValue(type:offset:reason:)`` (offsets count from the start of
    /// ``rowsData``) for a fixed size of 0 with data, a data length that is not a multiple of the fixed
    /// size, offsets that do not start at 0, go backwards or point past the data, or data without offsets.
    public func rows() throws(BSATNDecodingError) -> Rows {
        switch sizeHint {
        case .fixedSize(let size):
            let size = Int(size)
            if size == 0 {
                guard rowsData.isEmpty else {
                    throw .invalidValue(
                        type: "BsatnRowList", offset: 0,
                        reason: "size hint FixedSize(0) with \(rowsData.count) bytes of row data")
                }
                return Rows(data: rowsData, fixedSize: 1, offsets: [], count: 0)
            }
            guard rowsData.count % size == 0 else {
                throw .invalidValue(
                    type: "BsatnRowList", offset: rowsData.count - rowsData.count % size,
                    reason: "row data of \(rowsData.count) bytes is not a multiple of FixedSize(\(size))")
            }
            return Rows(data: rowsData, fixedSize: size, offsets: [], count: rowsData.count / size)
        case .rowOffsets(let offsets):
            guard let first = offsets.first else {
                guard rowsData.isEmpty else {
                    throw .invalidValue(
                        type: "BsatnRowList", offset: 0,
                        reason: "RowOffsets([]) with \(rowsData.count) bytes of row data")
                }
                return Rows(data: rowsData, fixedSize: 0, offsets: [], count: 0)
            }
            guard first == 0 else {
                throw .invalidValue(type: "BsatnRowList", offset: 0, reason: "the first row offset is \(first), not 0")
            }
            var previous: UInt64 = 0
            let end = UInt64(rowsData.count)
            for (index, offset) in offsets.enumerated() {
                guard offset >= previous, offset <= end else {
                    throw .invalidValue(
                        type: "BsatnRowList", offset: Int(min(offset, end)),
                        reason: offset > end
                            ? "row \(index) starts at \(offset), past the \(end) bytes of row data"
                            : "row \(index) starts at \(offset), before the previous row at \(previous)")
                }
                previous = offset
            }
            return Rows(data: rowsData, fixedSize: 0, offsets: offsets, count: offsets.count)
        }
    }

    /// Decodes every row as `T`; each row must span exactly its bytes.
    public func decodeRows<T: BSATNDecodable>(as _: T.Type = T.self) throws(BSATNDecodingError) -> [T] {
        let rows = try rows()
        var result: [T] = []
        result.reserveCapacity(rows.count)
        for row in rows { result.append(try T(bsatnBytes: row)) }
        return result
    }
}
