extension V2 {
    /// Drops a query set (v2 `ClientMessage::Unsubscribe`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `requestId`, `querySetId`, `flags`, in this order.
    public struct Unsubscribe: Hashable, Sendable, BSATNCodable {
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// The client-chosen id of the query set (`query_set_id`).
        public var querySetId: QuerySetId
        /// Whether the server should send the rows being dropped.
        public var flags: UnsubscribeFlags

        /// Creates the value from its fields.
        @inlinable public init(requestId: UInt32, querySetId: QuerySetId, flags: UnsubscribeFlags) {
            self.requestId = requestId
            self.querySetId = querySetId
            self.flags = flags
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            requestId.encode(to: &writer)
            querySetId.encode(to: &writer)
            flags.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            requestId = try UInt32(bsatn: &reader)
            querySetId = try QuerySetId(bsatn: &reader)
            flags = try UnsubscribeFlags(bsatn: &reader)
        }
    }
}
