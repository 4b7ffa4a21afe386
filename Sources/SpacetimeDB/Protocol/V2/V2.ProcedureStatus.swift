extension V2 {
    /// How a procedure call ended (v2 `ProcedureStatus`; no out-of-energy case, unlike v1).
    ///
    /// A sum (`crates/client-api-messages/src/websocket/v2.rs`): a `u8` tag, then the payload. Tags: 0 `returned`, 1 `internalError`.
    public enum ProcedureStatus: Hashable, Sendable, BSATNCodable {
        /// 0: the BSATN of the procedure's return value.
        case returned([UInt8])
        /// 1: the call failed inside the host.
        case internalError(String)

        /// Writes the variant's tag, then its payload.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            switch self {
            case .returned(let payload):
                writer.writeTag(0)
                payload.encode(to: &writer)
            case .internalError(let payload):
                writer.writeTag(1)
                payload.encode(to: &writer)
            }
        }

        /// Reads a tag and its variant's payload; an unknown tag is an error.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            let at = reader.offset
            switch try reader.readTag() {
            case 0: self = .returned(try [UInt8](bsatn: &reader))
            case 1: self = .internalError(try String(bsatn: &reader))
            case let tag: throw .unknownTag(type: "V2.ProcedureStatus", tag: tag, offset: at)
            }
        }
    }
}
