extension V1 {
    /// Replaces the whole subscription set (legacy v1 `ClientMessage::Subscribe`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `queryStrings`, `requestId`, in this order.
    public struct Subscribe: Hashable, Sendable, BSATNCodable {
        /// The SQL queries to subscribe to.
        public var queryStrings: [String]
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32

        /// Creates the value from its fields.
        @inlinable public init(queryStrings: [String], requestId: UInt32) {
            self.queryStrings = queryStrings
            self.requestId = requestId
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            queryStrings.encode(to: &writer)
            requestId.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            queryStrings = try [String](bsatn: &reader)
            requestId = try UInt32(bsatn: &reader)
        }
    }
}
