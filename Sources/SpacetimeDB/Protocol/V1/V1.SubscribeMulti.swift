extension V1 {
    /// Adds a set of subscription queries under one id (v1 `ClientMessage::SubscribeMulti`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `queryStrings`, `requestId`, `queryId`, in this order.
    public struct SubscribeMulti: Hashable, Sendable, BSATNCodable {
        /// The SQL queries.
        public var queryStrings: [String]
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// The client-chosen id of the subscription (`query_id`).
        public var queryId: QueryId

        /// Creates the value from its fields.
        @inlinable public init(queryStrings: [String], requestId: UInt32, queryId: QueryId) {
            self.queryStrings = queryStrings
            self.requestId = requestId
            self.queryId = queryId
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            queryStrings.encode(to: &writer)
            requestId.encode(to: &writer)
            queryId.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            queryStrings = try [String](bsatn: &reader)
            requestId = try UInt32(bsatn: &reader)
            queryId = try QueryId(bsatn: &reader)
        }
    }
}
