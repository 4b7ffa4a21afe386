extension V2 {
    /// Rows per table (v2 `QueryRows`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `tables`, in this order.
    public struct QueryRows: Hashable, Sendable, BSATNCodable {
        /// One entry per table.
        public var tables: [SingleTableRows]

        /// Creates the value from its fields.
        @inlinable public init(tables: [SingleTableRows]) {
            self.tables = tables
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            tables.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            tables = try [SingleTableRows](bsatn: &reader)
        }
    }
}
