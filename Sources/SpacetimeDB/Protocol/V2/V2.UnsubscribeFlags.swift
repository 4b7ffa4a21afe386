extension V2 {
    /// Options for `Unsubscribe` (v2 `UnsubscribeFlags`).
    ///
    /// A sum (`crates/client-api-messages/src/websocket/v2.rs`): a `u8` tag, then the payload. Tags: 0 `default`, 1 `sendDroppedRows`.
    public enum UnsubscribeFlags: Hashable, Sendable, BSATNCodable {
        /// 0: just drop the query set.
        case `default`
        /// 1: also send the dropped rows in `UnsubscribeApplied`.
        case sendDroppedRows

        /// Writes the variant's tag, then its payload.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            switch self {
            case .default:
                writer.writeTag(0)
            case .sendDroppedRows:
                writer.writeTag(1)
            }
        }

        /// Reads a tag and its variant's payload; an unknown tag is an error.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            let at = reader.offset
            switch try reader.readTag() {
            case 0: self = .default
            case 1: self = .sendDroppedRows
            case let tag: throw .unknownTag(type: "V2.UnsubscribeFlags", tag: tag, offset: at)
            }
        }
    }
}
