extension V2 {
    /// A message from server to client in `v2.bsatn.spacetimedb` (v2 `ServerMessage`), without the frame's compression byte.
    ///
    /// A sum (`crates/client-api-messages/src/websocket/v2.rs`): a `u8` tag, then the payload. Tags: 0 `initialConnection`, 1 `subscribeApplied`, 2 `unsubscribeApplied`, 3 `subscriptionError`, 4 `transactionUpdate`, 5 `oneOffQueryResult`, 6 `reducerResult`, 7 `procedureResult`.
    public enum ServerMessage: Hashable, Sendable, BSATNCodable {
        /// 0: the connection's identity, id and token; always first.
        case initialConnection(InitialConnection)
        /// 1: a query set is active.
        case subscribeApplied(SubscribeApplied)
        /// 2: a query set ended.
        case unsubscribeApplied(UnsubscribeApplied)
        /// 3: a query set failed.
        case subscriptionError(SubscriptionError)
        /// 4: rows changed (other clients' transactions).
        case transactionUpdate(TransactionUpdate)
        /// 5: a one-off query's result.
        case oneOffQueryResult(OneOffQueryResult)
        /// 6: the caller's own reducer call ended.
        case reducerResult(ReducerResult)
        /// 7: a procedure's result.
        case procedureResult(ProcedureResult)

        /// Writes the variant's tag, then its payload.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            switch self {
            case .initialConnection(let payload):
                writer.writeTag(0)
                payload.encode(to: &writer)
            case .subscribeApplied(let payload):
                writer.writeTag(1)
                payload.encode(to: &writer)
            case .unsubscribeApplied(let payload):
                writer.writeTag(2)
                payload.encode(to: &writer)
            case .subscriptionError(let payload):
                writer.writeTag(3)
                payload.encode(to: &writer)
            case .transactionUpdate(let payload):
                writer.writeTag(4)
                payload.encode(to: &writer)
            case .oneOffQueryResult(let payload):
                writer.writeTag(5)
                payload.encode(to: &writer)
            case .reducerResult(let payload):
                writer.writeTag(6)
                payload.encode(to: &writer)
            case .procedureResult(let payload):
                writer.writeTag(7)
                payload.encode(to: &writer)
            }
        }

        /// Reads a tag and its variant's payload; an unknown tag is an error.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            let at = reader.offset
            switch try reader.readTag() {
            case 0: self = .initialConnection(try InitialConnection(bsatn: &reader))
            case 1: self = .subscribeApplied(try SubscribeApplied(bsatn: &reader))
            case 2: self = .unsubscribeApplied(try UnsubscribeApplied(bsatn: &reader))
            case 3: self = .subscriptionError(try SubscriptionError(bsatn: &reader))
            case 4: self = .transactionUpdate(try TransactionUpdate(bsatn: &reader))
            case 5: self = .oneOffQueryResult(try OneOffQueryResult(bsatn: &reader))
            case 6: self = .reducerResult(try ReducerResult(bsatn: &reader))
            case 7: self = .procedureResult(try ProcedureResult(bsatn: &reader))
            case let tag: throw .unknownTag(type: "V2.ServerMessage", tag: tag, offset: at)
            }
        }
    }
}
