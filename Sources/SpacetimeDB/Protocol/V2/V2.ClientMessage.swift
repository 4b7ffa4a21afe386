extension V2 {
    /// A message from client to server in `v2.bsatn.spacetimedb` (v2 `ClientMessage`).
    ///
    /// A sum (`crates/client-api-messages/src/websocket/v2.rs`): a `u8` tag, then the payload. Tags: 0 `subscribe`, 1 `unsubscribe`, 2 `oneOffQuery`, 3 `callReducer`, 4 `callProcedure`.
    public enum ClientMessage: Hashable, Sendable, BSATNCodable {
        /// 0: subscribe to a query set.
        case subscribe(Subscribe)
        /// 1: drop a query set.
        case unsubscribe(Unsubscribe)
        /// 2: run one query once.
        case oneOffQuery(OneOffQuery)
        /// 3: run a reducer.
        case callReducer(CallReducer)
        /// 4: run a procedure.
        case callProcedure(CallProcedure)

        /// Writes the variant's tag, then its payload.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            switch self {
            case .subscribe(let payload):
                writer.writeTag(0)
                payload.encode(to: &writer)
            case .unsubscribe(let payload):
                writer.writeTag(1)
                payload.encode(to: &writer)
            case .oneOffQuery(let payload):
                writer.writeTag(2)
                payload.encode(to: &writer)
            case .callReducer(let payload):
                writer.writeTag(3)
                payload.encode(to: &writer)
            case .callProcedure(let payload):
                writer.writeTag(4)
                payload.encode(to: &writer)
            }
        }

        /// Reads a tag and its variant's payload; an unknown tag is an error.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            let at = reader.offset
            switch try reader.readTag() {
            case 0: self = .subscribe(try Subscribe(bsatn: &reader))
            case 1: self = .unsubscribe(try Unsubscribe(bsatn: &reader))
            case 2: self = .oneOffQuery(try OneOffQuery(bsatn: &reader))
            case 3: self = .callReducer(try CallReducer(bsatn: &reader))
            case 4: self = .callProcedure(try CallProcedure(bsatn: &reader))
            case let tag: throw .unknownTag(type: "V2.ClientMessage", tag: tag, offset: at)
            }
        }
    }
}
