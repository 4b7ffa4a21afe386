extension V1 {
    /// Asks the server to run a procedure (v1 `ClientMessage::CallProcedure`, since 1.8.0).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `procedure`, `args`, `requestId`, `flags`, in this order.
    public struct CallProcedure: Hashable, Sendable, BSATNCodable {
        /// The procedure's name.
        public var procedure: String
        /// BSATN of the procedure's parameters as a product.
        public var args: [UInt8]
        /// The client's request id, echoed back (`request_id`).
        public var requestId: UInt32
        /// Call flags; only `default` exists.
        public var flags: CallProcedureFlags

        /// Creates the value from its fields.
        @inlinable public init(procedure: String, args: [UInt8], requestId: UInt32, flags: CallProcedureFlags) {
            self.procedure = procedure
            self.args = args
            self.requestId = requestId
            self.flags = flags
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            procedure.encode(to: &writer)
            args.encode(to: &writer)
            requestId.encode(to: &writer)
            flags.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            procedure = try String(bsatn: &reader)
            args = try [UInt8](bsatn: &reader)
            requestId = try UInt32(bsatn: &reader)
            flags = try CallProcedureFlags(bsatn: &reader)
        }
    }
}
