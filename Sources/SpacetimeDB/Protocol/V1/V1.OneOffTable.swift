extension V1 {
    /// One table of a one-off query result (v1 `OneOffTable`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `tableName`, `rows`, in this order.
    public struct OneOffTable: Hashable, Sendable, BSATNCodable {
        /// The table's name.
        public var tableName: String
        /// The result rows.
        public var rows: BsatnRowList

        /// Creates the value from its fields.
        @inlinable public init(tableName: String, rows: BsatnRowList) {
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
            rows = try BsatnRowList(bsatn: &reader)
        }
    }
}
