/// A server message with the protocol version taken out: what v1, v2 and v3 messages mean to the client.
enum ServerEvent: Sendable {
    /// The server identified the client (v1 IdentityToken, v2 InitialConnection).
    case identity(Identity, ConnectionId, token: String)
    /// A subscription's rows arrived; v1 legacy `Subscribe` answers carry only the request id.
    case subscribeApplied(querySetId: UInt32?, legacyRequestId: UInt32?, changes: [TableRowChanges])
    /// A subscription ended; the changes delete its rows.
    case unsubscribeApplied(querySetId: UInt32, changes: [TableRowChanges])
    /// A subscription failed.
    case subscriptionError(requestId: UInt32?, querySetId: UInt32?, message: String)
    /// v1 full TransactionUpdate: a reducer ran, with its name, caller and outcome.
    case reducerTransaction(ReducerTransaction, changes: [TableRowChanges])
    /// Rows changed without reducer information (v1 light, v2 TransactionUpdate).
    case transaction(changes: [TableRowChanges])
    /// v2 ReducerResult: the outcome of one of this client's calls.
    case reducerResult(requestId: UInt32, timestamp: Timestamp, status: ReducerStatus, changes: [TableRowChanges])
    /// A one-off query's answer.
    case oneOffResult(requestId: UInt32?, Result<[OneOffQueryRows.Table], OneOffQueryError>)
    /// A procedure call's result: its BSATN return value, or why there is none.
    case procedureResult(requestId: UInt32, Result<[UInt8], ProcedureError>)
}

/// The reducer information of a v1 TransactionUpdate.
struct ReducerTransaction: Sendable {
    var reducerName: String
    var args: [UInt8]
    var requestId: UInt32
    var status: ReducerStatus
    var timestamp: Timestamp
    var callerIdentity: Identity
    var callerConnectionId: ConnectionId
    var energy: UInt128
}
