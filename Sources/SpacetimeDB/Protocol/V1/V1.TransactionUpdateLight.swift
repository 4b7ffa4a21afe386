extension V1 {
    /// Row changes without reducer details, for `light` connections (v1 `ServerMessage::TransactionUpdateLight`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `requestId`, `update`, in this order.
    public struct TransactionUpdateLight: Hashable, Sendable, BSATNCodable {
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// The row changes.
        public var update: DatabaseUpdate

        /// Creates the value from its fields.
        @inlinable public init(requestId: UInt32, update: DatabaseUpdate) {
            self.requestId = requestId
            self.update = update
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            requestId.encode(to: &writer)
            update.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            requestId = try UInt32(bsatn: &reader)
            update = try DatabaseUpdate(bsatn: &reader)
        }
    }
}
