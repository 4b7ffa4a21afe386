extension V1 {
    /// The rows of a single-query subscription (v1 `SubscribeRows`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `tableId`, `tableName`, `tableRows`, in this order.
    public struct SubscribeRows: Hashable, Sendable, BSATNCodable {
        /// The table's id.
        public var tableId: UInt32
        /// The table's name.
        public var tableName: String
        /// The rows.
        public var tableRows: TableUpdate

        /// Creates the value from its fields.
        @inlinable public init(tableId: UInt32, tableName: String, tableRows: TableUpdate) {
            self.tableId = tableId
            self.tableName = tableName
            self.tableRows = tableRows
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            tableId.encode(to: &writer)
            tableName.encode(to: &writer)
            tableRows.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            tableId = try UInt32(bsatn: &reader)
            tableName = try String(bsatn: &reader)
            tableRows = try TableUpdate(bsatn: &reader)
        }
    }
}
