extension V2 {
    /// Asks the server to run a reducer (v2 `ClientMessage::CallReducer`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `requestId`, `flags`, `reducer`, `args`, in this order.
    public struct CallReducer: Hashable, Sendable, BSATNCodable {
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// Call flags; only 0 is defined, and decoding rejects anything else (as the server does).
        public var flags: UInt8
        /// The reducer's name.
        public var reducer: String
        /// BSATN of the reducer's parameters as a product.
        public var args: [UInt8]

        /// Creates the value from its fields.
        @inlinable public init(requestId: UInt32, flags: UInt8, reducer: String, args: [UInt8]) {
            self.requestId = requestId
            self.flags = flags
            self.reducer = reducer
            self.args = args
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            requestId.encode(to: &writer)
            flags.encode(to: &writer)
            reducer.encode(to: &writer)
            args.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            requestId = try UInt32(bsatn: &reader)
            let flagsOffset = reader.offset
            flags = try UInt8(bsatn: &reader)
            guard flags == 0 else {
                throw .invalidValue(type: "V2.CallReducer", offset: flagsOffset, reason: "invalid flags \(flags); only 0 is defined")
            }
            reducer = try String(bsatn: &reader)
            args = try [UInt8](bsatn: &reader)
        }
    }
}
