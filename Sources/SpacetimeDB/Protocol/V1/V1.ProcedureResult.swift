extension V1 {
    /// The outcome of a `CallProcedure` (v1 `ServerMessage::ProcedureResult`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `status`, `timestamp`, `totalHostExecutionDuration`, `requestId`, in this order.
    public struct ProcedureResult: Hashable, Sendable, BSATNCodable {
        /// Returned value, out of energy, or internal error.
        public var status: ProcedureStatus
        /// When the procedure started.
        public var timestamp: Timestamp
        /// Server time spent (`total_host_execution_duration`).
        public var totalHostExecutionDuration: TimeDuration
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32

        /// Creates the value from its fields.
        @inlinable public init(status: ProcedureStatus, timestamp: Timestamp, totalHostExecutionDuration: TimeDuration, requestId: UInt32) {
            self.status = status
            self.timestamp = timestamp
            self.totalHostExecutionDuration = totalHostExecutionDuration
            self.requestId = requestId
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            status.encode(to: &writer)
            timestamp.encode(to: &writer)
            totalHostExecutionDuration.encode(to: &writer)
            requestId.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            status = try ProcedureStatus(bsatn: &reader)
            timestamp = try Timestamp(bsatn: &reader)
            totalHostExecutionDuration = try TimeDuration(bsatn: &reader)
            requestId = try UInt32(bsatn: &reader)
        }
    }
}
