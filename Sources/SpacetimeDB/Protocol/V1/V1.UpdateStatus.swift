extension V1 {
    /// How a reducer call ended (v1 `UpdateStatus`).
    ///
    /// A sum (`crates/client-api-messages/src/websocket/v1.rs`): a `u8` tag, then the payload. Tags: 0 `committed`, 1 `failed`, 2 `outOfEnergy`.
    public enum UpdateStatus: Hashable, Sendable, BSATNCodable {
        /// 0: committed, with the row changes the receiver subscribed to.
        case committed(DatabaseUpdate)
        /// 1: the reducer returned an error or panicked; the text is its message.
        case failed(String)
        /// 2: the reducer ran out of energy.
        case outOfEnergy

        /// Writes the variant's tag, then its payload.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            switch self {
            case .committed(let payload):
                writer.writeTag(0)
                payload.encode(to: &writer)
            case .failed(let payload):
                writer.writeTag(1)
                payload.encode(to: &writer)
            case .outOfEnergy:
                writer.writeTag(2)
            }
        }

        /// Reads a tag and its variant's payload; an unknown tag is an error.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            let at = reader.offset
            switch try reader.readTag() {
            case 0: self = .committed(try DatabaseUpdate(bsatn: &reader))
            case 1: self = .failed(try String(bsatn: &reader))
            case 2: self = .outOfEnergy
            case let tag: throw .unknownTag(type: "V1.UpdateStatus", tag: tag, offset: at)
            }
        }
    }
}
