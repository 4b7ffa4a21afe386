extension V1 {
    /// A subscription failed (v1 `ServerMessage::SubscriptionError`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `totalHostExecutionDurationMicros`, `requestId`, `queryId`, `tableId`, `error`, in this order.
    public struct SubscriptionError: Hashable, Sendable, BSATNCodable {
        /// Server time spent, in microseconds, as a raw `u64` (`total_host_execution_duration_micros`).
        public var totalHostExecutionDurationMicros: UInt64
        /// The failing request, or nil when raised while evaluating a transaction.
        public var requestId: UInt32?
        /// The failing subscription, or nil when every subscription is affected.
        public var queryId: UInt32?
        /// The table whose queries failed, when only one table is affected.
        public var tableId: UInt32?
        /// What went wrong.
        public var error: String

        /// Creates the value from its fields.
        @inlinable public init(totalHostExecutionDurationMicros: UInt64, requestId: UInt32?, queryId: UInt32?, tableId: UInt32?, error: String) {
            self.totalHostExecutionDurationMicros = totalHostExecutionDurationMicros
            self.requestId = requestId
            self.queryId = queryId
            self.tableId = tableId
            self.error = error
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            totalHostExecutionDurationMicros.encode(to: &writer)
            requestId.encode(to: &writer)
            queryId.encode(to: &writer)
            tableId.encode(to: &writer)
            error.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            totalHostExecutionDurationMicros = try UInt64(bsatn: &reader)
            requestId = try UInt32?(bsatn: &reader)
            queryId = try UInt32?(bsatn: &reader)
            tableId = try UInt32?(bsatn: &reader)
            error = try String(bsatn: &reader)
        }
    }
}
