extension V1 {
    /// Confirms an `Unsubscribe` (v1 `ServerMessage::UnsubscribeApplied`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `requestId`, `totalHostExecutionDurationMicros`, `queryId`, `rows`, in this order.
    public struct UnsubscribeApplied: Hashable, Sendable, BSATNCodable {
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// Server time spent, in microseconds, as a raw `u64` (`total_host_execution_duration_micros`).
        public var totalHostExecutionDurationMicros: UInt64
        /// The client-chosen id of the subscription (`query_id`).
        public var queryId: QueryId
        /// The rows to drop, as deletes.
        public var rows: SubscribeRows

        /// Creates the value from its fields.
        @inlinable public init(requestId: UInt32, totalHostExecutionDurationMicros: UInt64, queryId: QueryId, rows: SubscribeRows) {
            self.requestId = requestId
            self.totalHostExecutionDurationMicros = totalHostExecutionDurationMicros
            self.queryId = queryId
            self.rows = rows
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            requestId.encode(to: &writer)
            totalHostExecutionDurationMicros.encode(to: &writer)
            queryId.encode(to: &writer)
            rows.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            requestId = try UInt32(bsatn: &reader)
            totalHostExecutionDurationMicros = try UInt64(bsatn: &reader)
            queryId = try QueryId(bsatn: &reader)
            rows = try SubscribeRows(bsatn: &reader)
        }
    }
}
