extension V1 {
    /// Adds one subscription query (v1 `ClientMessage::SubscribeSingle`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `query`, `requestId`, `queryId`, in this order.
    public struct SubscribeSingle: Hashable, Sendable, BSATNCodable {
        /// The SQL query.
        public var query: String
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// The client-chosen id of the subscription (`query_id`).
        public var queryId: QueryId

        /// Creates the value from its fields.
        @inlinable public init(query: String, requestId: UInt32, queryId: QueryId) {
            self.query = query
            self.requestId = requestId
            self.queryId = queryId
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            query.encode(to: &writer)
            requestId.encode(to: &writer)
            queryId.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            query = try String(bsatn: &reader)
            requestId = try UInt32(bsatn: &reader)
            queryId = try QueryId(bsatn: &reader)
        }
    }
}
