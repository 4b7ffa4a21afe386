extension V1 {
    /// One query's row changes (v1 `QueryUpdate`): deletes first, then inserts (v2 has the opposite order).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `deletes`, `inserts`, in this order.
    public struct QueryUpdate: Hashable, Sendable, BSATNCodable {
        /// Rows removed.
        public var deletes: BsatnRowList
        /// Rows added.
        public var inserts: BsatnRowList

        /// Creates the value from its fields.
        @inlinable public init(deletes: BsatnRowList, inserts: BsatnRowList) {
            self.deletes = deletes
            self.inserts = inserts
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            deletes.encode(to: &writer)
            inserts.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            deletes = try BsatnRowList(bsatn: &reader)
            inserts = try BsatnRowList(bsatn: &reader)
        }
    }
}
