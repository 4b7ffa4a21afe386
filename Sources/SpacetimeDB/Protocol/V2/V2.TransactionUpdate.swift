extension V2 {
    /// Row changes of a transaction, per query set (v2 `ServerMessage::TransactionUpdate`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `querySets`, in this order.
    public struct TransactionUpdate: Hashable, Sendable, BSATNCodable {
        /// One entry per affected query set.
        public var querySets: [QuerySetUpdate]

        /// Creates the value from its fields.
        @inlinable public init(querySets: [QuerySetUpdate]) {
            self.querySets = querySets
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            querySets.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            querySets = try [QuerySetUpdate](bsatn: &reader)
        }
    }
}
