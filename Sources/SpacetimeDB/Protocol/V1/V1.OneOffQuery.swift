extension V1 {
    /// Runs one SQL query once (v1 `ClientMessage::OneOffQuery`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `messageId`, `queryString`, in this order.
    public struct OneOffQuery: Hashable, Sendable, BSATNCodable {
        /// Opaque bytes the response echoes back.
        public var messageId: [UInt8]
        /// The SQL query.
        public var queryString: String

        /// Creates the value from its fields.
        @inlinable public init(messageId: [UInt8], queryString: String) {
            self.messageId = messageId
            self.queryString = queryString
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            messageId.encode(to: &writer)
            queryString.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            messageId = try [UInt8](bsatn: &reader)
            queryString = try String(bsatn: &reader)
        }
    }
}
