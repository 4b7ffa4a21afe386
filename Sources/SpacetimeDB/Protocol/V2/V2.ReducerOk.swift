extension V2 {
    /// A committed reducer call (v2 `ReducerOk`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `retValue`, `transactionUpdate`, in this order.
    public struct ReducerOk: Hashable, Sendable, BSATNCodable {
        /// BSATN of the return value; empty for `()`.
        public var retValue: [UInt8]
        /// The caller's row changes.
        public var transactionUpdate: TransactionUpdate

        /// Creates the value from its fields.
        @inlinable public init(retValue: [UInt8], transactionUpdate: TransactionUpdate) {
            self.retValue = retValue
            self.transactionUpdate = transactionUpdate
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            retValue.encode(to: &writer)
            transactionUpdate.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            retValue = try [UInt8](bsatn: &reader)
            transactionUpdate = try TransactionUpdate(bsatn: &reader)
        }
    }
}
