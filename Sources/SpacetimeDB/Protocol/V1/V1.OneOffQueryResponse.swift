extension V1 {
    /// The answer to a `OneOffQuery` (v1 `ServerMessage::OneOffQueryResponse`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `messageId`, `error`, `tables`, `totalHostExecutionDuration`, in this order.
    public struct OneOffQueryResponse: Hashable, Sendable, BSATNCodable {
        /// The query's `message_id`, echoed.
        public var messageId: [UInt8]
        /// The error, when the query failed.
        public var error: String?
        /// The result rows per table.
        public var tables: [OneOffTable]
        /// Server time spent (`total_host_execution_duration`).
        public var totalHostExecutionDuration: TimeDuration

        /// Creates the value from its fields.
        @inlinable public init(messageId: [UInt8], error: String?, tables: [OneOffTable], totalHostExecutionDuration: TimeDuration) {
            self.messageId = messageId
            self.error = error
            self.tables = tables
            self.totalHostExecutionDuration = totalHostExecutionDuration
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            messageId.encode(to: &writer)
            error.encode(to: &writer)
            tables.encode(to: &writer)
            totalHostExecutionDuration.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            messageId = try [UInt8](bsatn: &reader)
            error = try String?(bsatn: &reader)
            tables = try [OneOffTable](bsatn: &reader)
            totalHostExecutionDuration = try TimeDuration(bsatn: &reader)
        }
    }
}
