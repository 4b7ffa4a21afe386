extension V1 {
    /// A message from client to server in `v1.bsatn.spacetimedb` (v1 `ClientMessage`).
    ///
    /// A sum (`crates/client-api-messages/src/websocket/v1.rs`): a `u8` tag, then the payload. Tags: 0 `callReducer`, 1 `subscribe`, 2 `oneOffQuery`, 3 `subscribeSingle`, 4 `subscribeMulti`, 5 `unsubscribe`, 6 `unsubscribeMulti`, 7 `callProcedure`.
    public enum ClientMessage: Hashable, Sendable, BSATNCodable {
        /// 0: run a reducer.
        case callReducer(CallReducer)
        /// 1: replace the subscription set (legacy).
        case subscribe(Subscribe)
        /// 2: run one query once.
        case oneOffQuery(OneOffQuery)
        /// 3: add one query.
        case subscribeSingle(SubscribeSingle)
        /// 4: add a set of queries.
        case subscribeMulti(SubscribeMulti)
        /// 5: drop a single-query subscription.
        case unsubscribe(Unsubscribe)
        /// 6: drop a multi-query subscription.
        case unsubscribeMulti(UnsubscribeMulti)
        /// 7: run a procedure (1.8.0+).
        case callProcedure(CallProcedure)

        /// Writes the variant's tag, then its payload.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            switch self {
            case .callReducer(let payload):
                writer.writeTag(0)
                payload.encode(to: &writer)
            case .subscribe(let payload):
                writer.writeTag(1)
                payload.encode(to: &writer)
            case .oneOffQuery(let payload):
                writer.writeTag(2)
                payload.encode(to: &writer)
            case .subscribeSingle(let payload):
                writer.writeTag(3)
                payload.encode(to: &writer)
            case .subscribeMulti(let payload):
                writer.writeTag(4)
                payload.encode(to: &writer)
            case .unsubscribe(let payload):
                writer.writeTag(5)
                payload.encode(to: &writer)
            case .unsubscribeMulti(let payload):
                writer.writeTag(6)
                payload.encode(to: &writer)
            case .callProcedure(let payload):
                writer.writeTag(7)
                payload.encode(to: &writer)
            }
        }

        /// Reads a tag and its variant's payload; an unknown tag is an error.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            let at = reader.offset
            switch try reader.readTag() {
            case 0: self = .callReducer(try CallReducer(bsatn: &reader))
            case 1: self = .subscribe(try Subscribe(bsatn: &reader))
            case 2: self = .oneOffQuery(try OneOffQuery(bsatn: &reader))
            case 3: self = .subscribeSingle(try SubscribeSingle(bsatn: &reader))
            case 4: self = .subscribeMulti(try SubscribeMulti(bsatn: &reader))
            case 5: self = .unsubscribe(try Unsubscribe(bsatn: &reader))
            case 6: self = .unsubscribeMulti(try UnsubscribeMulti(bsatn: &reader))
            case 7: self = .callProcedure(try CallProcedure(bsatn: &reader))
            case let tag: throw .unknownTag(type: "V1.ClientMessage", tag: tag, offset: at)
            }
        }
    }
}
