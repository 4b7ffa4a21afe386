extension V2 {
    /// Asks the server to run a procedure (v2 `ClientMessage::CallProcedure`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `requestId`, `flags`, `procedure`, `args`, in this order.
    public struct CallProcedure: Hashable, Sendable, BSATNCodable {
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// Call flags; only 0 is defined, and decoding rejects anything else (as the server does).
        public var flags: UInt8
        /// The procedure's name.
        public var procedure: String
        /// BSATN of the procedure's parameters as a product.
        public var args: [UInt8]

        /// Creates the value from its fields.
        @inlinable public init(requestId: UInt32, flags: UInt8, procedure: String, args: [UInt8]) {
            self.requestId = requestId
            self.flags = flags
            self.procedure = procedure
            self.args = args
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            requestId.encode(to: &writer)
            flags.encode(to: &writer)
            procedure.encode(to: &writer)
            args.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            requestId = try UInt32(bsatn: &reader)
            let flagsOffset = reader.offset
            flags = try UInt8(bsatn: &reader)
            guard flags == 0 else {
                throw .invalidValue(type: "V2.CallProcedure", offset: flagsOffset, reason: "invalid flags \(flags); only 0 is defined")
            }
            procedure = try String(bsatn: &reader)
            args = try [UInt8](bsatn: &reader)
        }
    }
}
