extension V1 {
    /// Asks the server to run a reducer (v1 `ClientMessage::CallReducer`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `reducer`, `args`, `requestId`, `flags`, in this order.
    public struct CallReducer: Hashable, Sendable, BSATNCodable {
        /// The reducer's name.
        public var reducer: String
        /// BSATN of the reducer's parameters as a product.
        public var args: [UInt8]
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// Whether the caller wants its own success notification.
        public var flags: CallReducerFlags

        /// Creates the value from its fields.
        @inlinable public init(reducer: String, args: [UInt8], requestId: UInt32, flags: CallReducerFlags) {
            self.reducer = reducer
            self.args = args
            self.requestId = requestId
            self.flags = flags
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            reducer.encode(to: &writer)
            args.encode(to: &writer)
            requestId.encode(to: &writer)
            flags.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            reducer = try String(bsatn: &reader)
            args = try [UInt8](bsatn: &reader)
            requestId = try UInt32(bsatn: &reader)
            flags = try CallReducerFlags(bsatn: &reader)
        }
    }
}
