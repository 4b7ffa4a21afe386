import SpacetimeDB

/// One committed transaction as written to the commit log: row inserts and deletes per table, in order.
public struct LogRecord: Equatable, Sendable, BSATNCodable {
    /// A single row change.
    public struct Change: Equatable, Sendable, BSATNCodable {
        /// The table the row belongs to, by name.
        public var table: String
        /// True for an insert, false for a delete.
        public var isInsert: Bool
        /// The row's BSATN.
        public var row: [UInt8]

        /// Creates a change.
        public init(table: String, isInsert: Bool, row: [UInt8]) {
            self.table = table
            self.isInsert = isInsert
            self.row = row
        }

        /// Writes the BSATN encoding.
        public func encode(to writer: inout BSATNWriter) {
            writer.write(table)
            writer.write(isInsert)
            writer.writeByteArray(row)
        }

        /// Reads the BSATN encoding.
        public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            table = try reader.readString()
            isInsert = try reader.readBool()
            row = try reader.readByteArray()
        }
    }

    /// The transaction's position in the log, counting from 0.
    public var offset: UInt64
    /// The changes, applied in order on replay.
    public var changes: [Change]

    /// Creates a record.
    public init(offset: UInt64, changes: [Change]) {
        self.offset = offset
        self.changes = changes
    }

    /// Writes the BSATN encoding.
    public func encode(to writer: inout BSATNWriter) {
        writer.write(offset)
        writer.write(changes)
    }

    /// Reads the BSATN encoding.
    public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        offset = try reader.readUInt64()
        changes = try reader.readArray(of: Change.self)
    }
}
