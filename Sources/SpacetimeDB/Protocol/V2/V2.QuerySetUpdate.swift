extension V2 {
    /// Row changes for one query set (v2 `QuerySetUpdate`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `querySetId`, `tables`, in this order.
    public struct QuerySetUpdate: Hashable, Sendable, BSATNCodable {
        /// The client-chosen id of the query set (`query_set_id`).
        public var querySetId: QuerySetId
        /// Changes per table; a table may repeat.
        public var tables: [TableUpdate]

        /// Creates the value from its fields.
        @inlinable public init(querySetId: QuerySetId, tables: [TableUpdate]) {
            self.querySetId = querySetId
            self.tables = tables
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            querySetId.encode(to: &writer)
            tables.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            querySetId = try QuerySetId(bsatn: &reader)
            tables = try [TableUpdate](bsatn: &reader)
        }
    }
}
