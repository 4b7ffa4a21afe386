extension V2 {
    /// The rows of one table (v2 `SingleTableRows`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `table`, `rows`, in this order.
    public struct SingleTableRows: Hashable, Sendable, BSATNCodable {
        /// The table's name.
        public var table: String
        /// The rows.
        public var rows: BsatnRowList

        /// Creates the value from its fields.
        @inlinable public init(table: String, rows: BsatnRowList) {
            self.table = table
            self.rows = rows
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            table.encode(to: &writer)
            rows.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            table = try String(bsatn: &reader)
            rows = try BsatnRowList(bsatn: &reader)
        }
    }
}
