extension V2 {
    /// Row changes of one table (v2 `TableUpdate`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `tableName`, `rows`, in this order.
    public struct TableUpdate: Hashable, Sendable, BSATNCodable {
        /// The table's name.
        public var tableName: String
        /// The changes.
        public var rows: [TableUpdateRows]

        /// Creates the value from its fields.
        @inlinable public init(tableName: String, rows: [TableUpdateRows]) {
            self.tableName = tableName
            self.rows = rows
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            tableName.encode(to: &writer)
            rows.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            tableName = try String(bsatn: &reader)
            rows = try [TableUpdateRows](bsatn: &reader)
        }
    }
}
