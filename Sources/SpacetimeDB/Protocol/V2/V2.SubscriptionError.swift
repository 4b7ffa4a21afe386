extension V2 {
    /// A query set failed (v2 `ServerMessage::SubscriptionError`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `requestId`, `querySetId`, `error`, in this order.
    public struct SubscriptionError: Hashable, Sendable, BSATNCodable {
        /// The failing request, or nil when it failed later, during a transaction.
        public var requestId: UInt32?
        /// The client-chosen id of the query set (`query_set_id`).
        public var querySetId: QuerySetId
        /// What went wrong.
        public var error: String

        /// Creates the value from its fields.
        @inlinable public init(requestId: UInt32?, querySetId: QuerySetId, error: String) {
            self.requestId = requestId
            self.querySetId = querySetId
            self.error = error
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            requestId.encode(to: &writer)
            querySetId.encode(to: &writer)
            error.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            requestId = try UInt32?(bsatn: &reader)
            querySetId = try QuerySetId(bsatn: &reader)
            error = try String(bsatn: &reader)
        }
    }
}
