extension V2 {
    /// A query set is active, with its initial rows (v2 `ServerMessage::SubscribeApplied`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `requestId`, `querySetId`, `rows`, in this order.
    public struct SubscribeApplied: Hashable, Sendable, BSATNCodable {
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// The client-chosen id of the query set (`query_set_id`).
        public var querySetId: QuerySetId
        /// The matching rows.
        public var rows: QueryRows

        /// Creates the value from its fields.
        @inlinable public init(requestId: UInt32, querySetId: QuerySetId, rows: QueryRows) {
            self.requestId = requestId
            self.querySetId = querySetId
            self.rows = rows
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            requestId.encode(to: &writer)
            querySetId.encode(to: &writer)
            rows.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            requestId = try UInt32(bsatn: &reader)
            querySetId = try QuerySetId(bsatn: &reader)
            rows = try QueryRows(bsatn: &reader)
        }
    }
}
