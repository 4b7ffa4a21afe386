extension V2 {
    /// Runs one SQL query once (v2 `ClientMessage::OneOffQuery`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `requestId`, `queryString`, in this order.
    public struct OneOffQuery: Hashable, Sendable, BSATNCodable {
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// The SQL query.
        public var queryString: String

        /// Creates the value from its fields.
        @inlinable public init(requestId: UInt32, queryString: String) {
            self.requestId = requestId
            self.queryString = queryString
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            requestId.encode(to: &writer)
            queryString.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            requestId = try UInt32(bsatn: &reader)
            queryString = try String(bsatn: &reader)
        }
    }
}
