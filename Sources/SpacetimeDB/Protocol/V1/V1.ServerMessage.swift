extension V1 {
    /// A message from server to client in `v1.bsatn.spacetimedb` (v1 `ServerMessage`), without the frame's compression byte.
    ///
    /// A sum (`crates/client-api-messages/src/websocket/v1.rs`): a `u8` tag, then the payload. Tags: 0 `initialSubscription`, 1 `transactionUpdate`, 2 `transactionUpdateLight`, 3 `identityToken`, 4 `oneOffQueryResponse`, 5 `subscribeApplied`, 6 `unsubscribeApplied`, 7 `subscriptionError`, 8 `subscribeMultiApplied`, 9 `unsubscribeMultiApplied`, 10 `procedureResult`.
    public enum ServerMessage: Hashable, Sendable, BSATNCodable {
        /// 0: rows for a legacy `Subscribe`.
        case initialSubscription(InitialSubscription)
        /// 1: a reducer ran.
        case transactionUpdate(TransactionUpdate)
        /// 2: rows changed (light mode).
        case transactionUpdateLight(TransactionUpdateLight)
        /// 3: the connection's identity, token and id; always first.
        case identityToken(IdentityToken)
        /// 4: a one-off query's result.
        case oneOffQueryResponse(OneOffQueryResponse)
        /// 5: a single-query subscription is active.
        case subscribeApplied(SubscribeApplied)
        /// 6: a single-query subscription ended.
        case unsubscribeApplied(UnsubscribeApplied)
        /// 7: a subscription failed.
        case subscriptionError(SubscriptionError)
        /// 8: a multi-query subscription is active.
        case subscribeMultiApplied(SubscribeMultiApplied)
        /// 9: a multi-query subscription ended.
        case unsubscribeMultiApplied(UnsubscribeMultiApplied)
        /// 10: a procedure's result (1.8.0+).
        case procedureResult(ProcedureResult)

        /// Writes the variant's tag, then its payload.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            switch self {
            case .initialSubscription(let payload):
                writer.writeTag(0)
                payload.encode(to: &writer)
            case .transactionUpdate(let payload):
                writer.writeTag(1)
                payload.encode(to: &writer)
            case .transactionUpdateLight(let payload):
                writer.writeTag(2)
                payload.encode(to: &writer)
            case .identityToken(let payload):
                writer.writeTag(3)
                payload.encode(to: &writer)
            case .oneOffQueryResponse(let payload):
                writer.writeTag(4)
                payload.encode(to: &writer)
            case .subscribeApplied(let payload):
                writer.writeTag(5)
                payload.encode(to: &writer)
            case .unsubscribeApplied(let payload):
                writer.writeTag(6)
                payload.encode(to: &writer)
            case .subscriptionError(let payload):
                writer.writeTag(7)
                payload.encode(to: &writer)
            case .subscribeMultiApplied(let payload):
                writer.writeTag(8)
                payload.encode(to: &writer)
            case .unsubscribeMultiApplied(let payload):
                writer.writeTag(9)
                payload.encode(to: &writer)
            case .procedureResult(let payload):
                writer.writeTag(10)
                payload.encode(to: &writer)
            }
        }

        /// Reads a tag and its variant's payload; an unknown tag is an error.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            let at = reader.offset
            switch try reader.readTag() {
            case 0: self = .initialSubscription(try InitialSubscription(bsatn: &reader))
            case 1: self = .transactionUpdate(try TransactionUpdate(bsatn: &reader))
            case 2: self = .transactionUpdateLight(try TransactionUpdateLight(bsatn: &reader))
            case 3: self = .identityToken(try IdentityToken(bsatn: &reader))
            case 4: self = .oneOffQueryResponse(try OneOffQueryResponse(bsatn: &reader))
            case 5: self = .subscribeApplied(try SubscribeApplied(bsatn: &reader))
            case 6: self = .unsubscribeApplied(try UnsubscribeApplied(bsatn: &reader))
            case 7: self = .subscriptionError(try SubscriptionError(bsatn: &reader))
            case 8: self = .subscribeMultiApplied(try SubscribeMultiApplied(bsatn: &reader))
            case 9: self = .unsubscribeMultiApplied(try UnsubscribeMultiApplied(bsatn: &reader))
            case 10: self = .procedureResult(try ProcedureResult(bsatn: &reader))
            case let tag: throw .unknownTag(type: "V1.ServerMessage", tag: tag, offset: at)
            }
        }
    }
}
