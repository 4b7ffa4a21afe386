extension V2 {
    /// Changes of a persistent table (v2 `PersistentTableRows`): inserts first, then deletes (v1 has the opposite order).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `inserts`, `deletes`, in this order.
    public struct PersistentTableRows: Hashable, Sendable, BSATNCodable {
        /// Rows added.
        public var inserts: BsatnRowList
        /// Rows removed.
        public var deletes: BsatnRowList

        /// Creates the value from its fields.
        @inlinable public init(inserts: BsatnRowList, deletes: BsatnRowList) {
            self.inserts = inserts
            self.deletes = deletes
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            inserts.encode(to: &writer)
            deletes.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            inserts = try BsatnRowList(bsatn: &reader)
            deletes = try BsatnRowList(bsatn: &reader)
        }
    }
}
