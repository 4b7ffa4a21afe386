extension V2 {
    /// Row changes of a persistent or an event table (v2 `TableUpdateRows`).
    ///
    /// A sum (`crates/client-api-messages/src/websocket/v2.rs`): a `u8` tag, then the payload. Tags: 0 `persistentTable`, 1 `eventTable`.
    public enum TableUpdateRows: Hashable, Sendable, BSATNCodable {
        /// 0: inserts and deletes of a normal table.
        case persistentTable(PersistentTableRows)
        /// 1: events of an event table.
        case eventTable(EventTableRows)

        /// Writes the variant's tag, then its payload.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            switch self {
            case .persistentTable(let payload):
                writer.writeTag(0)
                payload.encode(to: &writer)
            case .eventTable(let payload):
                writer.writeTag(1)
                payload.encode(to: &writer)
            }
        }

        /// Reads a tag and its variant's payload; an unknown tag is an error.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            let at = reader.offset
            switch try reader.readTag() {
            case 0: self = .persistentTable(try PersistentTableRows(bsatn: &reader))
            case 1: self = .eventTable(try EventTableRows(bsatn: &reader))
            case let tag: throw .unknownTag(type: "V2.TableUpdateRows", tag: tag, offset: at)
            }
        }
    }
}
