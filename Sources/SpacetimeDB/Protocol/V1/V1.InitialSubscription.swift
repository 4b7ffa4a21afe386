extension V1 {
    /// The rows matching a legacy `Subscribe` (v1 `ServerMessage::InitialSubscription`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `databaseUpdate`, `requestId`, `totalHostExecutionDuration`, in this order.
    public struct InitialSubscription: Hashable, Sendable, BSATNCodable {
        /// The matching rows, as inserts.
        public var databaseUpdate: DatabaseUpdate
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// Server time spent (`total_host_execution_duration`).
        public var totalHostExecutionDuration: TimeDuration

        /// Creates the value from its fields.
        @inlinable public init(databaseUpdate: DatabaseUpdate, requestId: UInt32, totalHostExecutionDuration: TimeDuration) {
            self.databaseUpdate = databaseUpdate
            self.requestId = requestId
            self.totalHostExecutionDuration = totalHostExecutionDuration
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            databaseUpdate.encode(to: &writer)
            requestId.encode(to: &writer)
            totalHostExecutionDuration.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            databaseUpdate = try DatabaseUpdate(bsatn: &reader)
            requestId = try UInt32(bsatn: &reader)
            totalHostExecutionDuration = try TimeDuration(bsatn: &reader)
        }
    }
}
