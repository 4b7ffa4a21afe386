extension V1 {
    /// How the server notifies the caller of a reducer (v1 `CallReducerFlags`, a `u8`).
    ///
    /// A sum (`crates/client-api-messages/src/websocket/v1.rs`): a `u8` tag, then the payload. Tags: 0 `fullUpdate`, 1 `noSuccessNotify`.
    public enum CallReducerFlags: Hashable, Sendable, BSATNCodable {
        /// 0: the caller always gets a full `TransactionUpdate` (the default).
        case fullUpdate
        /// 1: the caller is treated as having no caller: no success notification, failures go nowhere.
        case noSuccessNotify

        /// Writes the variant's tag, then its payload.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            switch self {
            case .fullUpdate:
                writer.writeTag(0)
            case .noSuccessNotify:
                writer.writeTag(1)
            }
        }

        /// Reads a tag and its variant's payload; an unknown tag is an error.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            let at = reader.offset
            switch try reader.readTag() {
            case 0: self = .fullUpdate
            case 1: self = .noSuccessNotify
            case let tag: throw .unknownTag(type: "V1.CallReducerFlags", tag: tag, offset: at)
            }
        }
    }
}
