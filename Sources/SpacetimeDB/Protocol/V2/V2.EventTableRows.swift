extension V2 {
    /// Rows of an event table (v2 `EventTableRows`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `events`, in this order.
    public struct EventTableRows: Hashable, Sendable, BSATNCodable {
        /// The events.
        public var events: BsatnRowList

        /// Creates the value from its fields.
        @inlinable public init(events: BsatnRowList) {
            self.events = events
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            events.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            events = try BsatnRowList(bsatn: &reader)
        }
    }
}
