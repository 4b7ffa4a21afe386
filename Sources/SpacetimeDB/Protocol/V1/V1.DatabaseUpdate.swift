extension V1 {
    /// Row changes across tables (v1 `DatabaseUpdate`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `tables`, in this order.
    public struct DatabaseUpdate: Hashable, Sendable, BSATNCodable {
        /// One entry per changed table.
        public var tables: [TableUpdate]

        /// Creates the value from its fields.
        @inlinable public init(tables: [TableUpdate]) {
            self.tables = tables
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            tables.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            tables = try [TableUpdate](bsatn: &reader)
        }
    }
}
