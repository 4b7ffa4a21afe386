extension V2 {
    /// The outcome of the caller's own reducer call (v2 `ServerMessage::ReducerResult`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `requestId`, `timestamp`, `result`, in this order.
    public struct ReducerResult: Hashable, Sendable, BSATNCodable {
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// When the reducer ran (microseconds).
        public var timestamp: Timestamp
        /// Success with row changes, or the error.
        public var result: ReducerOutcome

        /// Creates the value from its fields.
        @inlinable public init(requestId: UInt32, timestamp: Timestamp, result: ReducerOutcome) {
            self.requestId = requestId
            self.timestamp = timestamp
            self.result = result
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            requestId.encode(to: &writer)
            timestamp.encode(to: &writer)
            result.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            requestId = try UInt32(bsatn: &reader)
            timestamp = try Timestamp(bsatn: &reader)
            result = try ReducerOutcome(bsatn: &reader)
        }
    }
}
