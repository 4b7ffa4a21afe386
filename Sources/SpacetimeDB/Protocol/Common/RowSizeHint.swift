/// How the rows in a ``BsatnRowList``'s data are delimited (`RowSizeHint` in `websocket/common.rs`).
///
/// A sum: tag 0 `FixedSize(u16)`, tag 1 `RowOffsets(Array<u64>)`.
public enum RowSizeHint: Hashable, Sendable, BSATNCodable {
    /// Every row is exactly this many bytes; the row count is the data length divided by it.
    case fixedSize(UInt16)
    /// The start offset of each row; a row ends at the next offset or at the end of the data.
    case rowOffsets([UInt64])

    /// Writes the tag, then the size or the offsets.
    @inlinable public func encode(to writer: inout BSATNWriter) {
        switch self {
        case .fixedSize(let size):
            writer.writeTag(0)
            writer.write(size)
        case .rowOffsets(let offsets):
            writer.writeTag(1)
            writer.write(offsets)
        }
    }

    /// Reads a tag and its payload; an unknown tag is an error.
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        let at = reader.offset
        switch try reader.readTag() {
        case 0: self = .fixedSize(try reader.readUInt16())
        case 1: self = .rowOffsets(try Self.readOffsets(&reader))
        case let tag: throw .unknownTag(type: "RowSizeHint", tag: tag, offset: at)
        }
    }

    /// The offsets of a list holding one row, `[0]`: most transactions' row lists. Shared, so
    /// decoding one allocates nothing.
    @usableFromInline static let singleRowOffsets: [UInt64] = [0]

    /// Reads `Array<u64>` as ``BSATNReader/readArray(of:)`` does (same values, bytes and errors),
    /// returning ``singleRowOffsets`` for a one-row list.
    @inlinable static func readOffsets(_ reader: inout BSATNReader) throws(BSATNDecodingError) -> [UInt64] {
        let start = reader.cursor
        if try reader.readLength() == 1, try reader.readUInt64() == 0 { return singleRowOffsets }
        reader.cursor = start
        return try reader.readArray(of: UInt64.self)
    }
}
