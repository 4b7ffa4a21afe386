extension V1 {
    /// Which reducer a `TransactionUpdate` reports (v1 `ReducerCallInfo`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `reducerName`, `reducerId`, `args`, `requestId`, in this order.
    public struct ReducerCallInfo: Hashable, Sendable, BSATNCodable {
        /// The reducer's name.
        public var reducerName: String
        /// The reducer's numeric id (`u32::MAX` when the name was unknown).
        public var reducerId: UInt32
        /// BSATN of the reducer's arguments.
        public var args: [UInt8]
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32

        /// Creates the value from its fields.
        @inlinable public init(reducerName: String, reducerId: UInt32, args: [UInt8], requestId: UInt32) {
            self.reducerName = reducerName
            self.reducerId = reducerId
            self.args = args
            self.requestId = requestId
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            reducerName.encode(to: &writer)
            reducerId.encode(to: &writer)
            args.encode(to: &writer)
            requestId.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            reducerName = try String(bsatn: &reader)
            reducerId = try UInt32(bsatn: &reader)
            args = try [UInt8](bsatn: &reader)
            requestId = try UInt32(bsatn: &reader)
        }
    }
}
