extension V1 {
    /// Procedure call flags (v1 `CallProcedureFlags`, a `u8`); only `default` (0) exists.
    ///
    /// A sum (`crates/client-api-messages/src/websocket/v1.rs`): a `u8` tag, then the payload. Tags: 0 `default`.
    public enum CallProcedureFlags: Hashable, Sendable, BSATNCodable {
        /// 0: the only flag value.
        case `default`

        /// Writes the variant's tag, then its payload.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            switch self {
            case .default:
                writer.writeTag(0)
            }
        }

        /// Reads a tag and its variant's payload; an unknown tag is an error.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            let at = reader.offset
            switch try reader.readTag() {
            case 0: self = .default
            case let tag: throw .unknownTag(type: "V1.CallProcedureFlags", tag: tag, offset: at)
            }
        }
    }
}
