extension V2 {
    /// Subscribes to a set of queries under one id (v2 `ClientMessage::Subscribe`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `requestId`, `querySetId`, `queryStrings`, in this order.
    public struct Subscribe: Hashable, Sendable, BSATNCodable {
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// The client-chosen id of the query set (`query_set_id`).
        public var querySetId: QuerySetId
        /// The SQL queries.
        public var queryStrings: [String]

        /// Creates the value from its fields.
        @inlinable public init(requestId: UInt32, querySetId: QuerySetId, queryStrings: [String]) {
            self.requestId = requestId
            self.querySetId = querySetId
            self.queryStrings = queryStrings
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            requestId.encode(to: &writer)
            querySetId.encode(to: &writer)
            queryStrings.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            requestId = try UInt32(bsatn: &reader)
            querySetId = try QuerySetId(bsatn: &reader)
            queryStrings = try [String](bsatn: &reader)
        }
    }
}
