extension V1 {
    /// Drops a `SubscribeSingle` subscription (v1 `ClientMessage::Unsubscribe`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `requestId`, `queryId`, in this order.
    public struct Unsubscribe: Hashable, Sendable, BSATNCodable {
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// The client-chosen id of the subscription (`query_id`).
        public var queryId: QueryId

        /// Creates the value from its fields.
        @inlinable public init(requestId: UInt32, queryId: QueryId) {
            self.requestId = requestId
            self.queryId = queryId
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            requestId.encode(to: &writer)
            queryId.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            requestId = try UInt32(bsatn: &reader)
            queryId = try QueryId(bsatn: &reader)
        }
    }
}
