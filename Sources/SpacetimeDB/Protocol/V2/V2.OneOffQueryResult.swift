extension V2 {
    /// The answer to a `OneOffQuery` (v2 `ServerMessage::OneOffQueryResult`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `requestId`, `result`, in this order.
    public struct OneOffQueryResult: Hashable, Sendable, BSATNCodable {
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// The rows, or the error text.
        public var result: BSATNResult<QueryRows, String>

        /// Creates the value from its fields.
        @inlinable public init(requestId: UInt32, result: BSATNResult<QueryRows, String>) {
            self.requestId = requestId
            self.result = result
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            requestId.encode(to: &writer)
            result.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            requestId = try UInt32(bsatn: &reader)
            result = try BSATNResult<QueryRows, String>(bsatn: &reader)
        }
    }
}
