/// A reducer run the client was told about: which reducer, who called it, how it ended.
public struct ReducerEvent: Sendable {
    /// The reducer's name on the server, e.g. `send_message`.
    public var reducerName: String
    /// The BSATN of its arguments, for typed bindings to decode; empty when the server did not send them (v2).
    public var args: [UInt8]
    /// How it ended.
    public var status: ReducerStatus
    /// When it ran.
    public var timestamp: Timestamp
    /// Who called it.
    public var callerIdentity: Identity
    /// The caller's connection, nil when it had none.
    public var callerConnectionId: ConnectionId?
    /// Energy used, when the server reports it (v1).
    public var energyConsumed: UInt128?
    /// Whether this client made the call.
    public var isOwnCall: Bool

    /// Creates an event.
    public init(
        reducerName: String, args: [UInt8], status: ReducerStatus, timestamp: Timestamp, callerIdentity: Identity,
        callerConnectionId: ConnectionId?, energyConsumed: UInt128?, isOwnCall: Bool
    ) {
        self.reducerName = reducerName
        self.args = args
        self.status = status
        self.timestamp = timestamp
        self.callerIdentity = callerIdentity
        self.callerConnectionId = callerConnectionId
        self.energyConsumed = energyConsumed
        self.isOwnCall = isOwnCall
    }
}
