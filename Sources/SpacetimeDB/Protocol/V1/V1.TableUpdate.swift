extension V1 {
    /// Row changes of one table (v1 `TableUpdate`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `tableId`, `tableName`, `numRows`, `updates`, in this order.
    public struct TableUpdate: Hashable, Sendable, BSATNCodable {
        /// The table's id; not stable across publishes, so key on the name.
        public var tableId: UInt32
        /// The table's name.
        public var tableName: String
        /// The total number of rows in `updates`.
        public var numRows: UInt64
        /// One entry per subscribed query touching the table.
        public var updates: [CompressableQueryUpdate]

        /// Creates the value from its fields.
        @inlinable public init(tableId: UInt32, tableName: String, numRows: UInt64, updates: [CompressableQueryUpdate]) {
            self.tableId = tableId
            self.tableName = tableName
            self.numRows = numRows
            self.updates = updates
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            tableId.encode(to: &writer)
            tableName.encode(to: &writer)
            numRows.encode(to: &writer)
            updates.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            tableId = try UInt32(bsatn: &reader)
            tableName = try String(bsatn: &reader)
            numRows = try UInt64(bsatn: &reader)
            updates = try [CompressableQueryUpdate](bsatn: &reader)
        }
    }
}
