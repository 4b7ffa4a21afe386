extension V2 {
    /// How the caller's reducer call ended (v2 `ReducerOutcome`).
    ///
    /// A sum (`crates/client-api-messages/src/websocket/v2.rs`): a `u8` tag, then the payload. Tags: 0 `ok`, 1 `okEmpty`, 2 `err`, 3 `internalError`.
    public enum ReducerOutcome: Hashable, Sendable, BSATNCodable {
        /// 0: committed, with the return value and the caller's row changes.
        case ok(ReducerOk)
        /// 1: committed, no return value and no row changes (2.8.3 servers never send it).
        case okEmpty
        /// 2: BSATN of the reducer's error value (a `String` for `Result<(), String>` reducers).
        case err([UInt8])
        /// 3: panic, out of energy, unknown reducer, bad arguments...
        case internalError(String)

        /// Writes the variant's tag, then its payload.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            switch self {
            case .ok(let payload):
                writer.writeTag(0)
                payload.encode(to: &writer)
            case .okEmpty:
                writer.writeTag(1)
            case .err(let payload):
                writer.writeTag(2)
                payload.encode(to: &writer)
            case .internalError(let payload):
                writer.writeTag(3)
                payload.encode(to: &writer)
            }
        }

        /// Reads a tag and its variant's payload; an unknown tag is an error.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            let at = reader.offset
            switch try reader.readTag() {
            case 0: self = .ok(try ReducerOk(bsatn: &reader))
            case 1: self = .okEmpty
            case 2: self = .err(try [UInt8](bsatn: &reader))
            case 3: self = .internalError(try String(bsatn: &reader))
            case let tag: throw .unknownTag(type: "V2.ReducerOutcome", tag: tag, offset: at)
            }
        }
    }
}
