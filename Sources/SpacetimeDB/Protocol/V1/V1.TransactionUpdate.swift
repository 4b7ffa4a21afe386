extension V1 {
    /// A committed, failed or out-of-energy reducer call and its row changes (v1 `ServerMessage::TransactionUpdate`).
    ///
    /// Wire layout (`crates/client-api-messages/src/websocket/v1.rs`): `status`, `timestamp`, `callerIdentity`, `callerConnectionId`, `reducerCall`, `energyQuantaUsed`, `totalHostExecutionDuration`, in this order.
    public struct TransactionUpdate: Hashable, Sendable, BSATNCodable {
        /// Committed with row changes, failed with an error message, or out of energy.
        public var status: UpdateStatus
        /// When the reducer started.
        public var timestamp: Timestamp
        /// Who called the reducer.
        public var callerIdentity: Identity
        /// The caller's connection; all zeros when it had none (HTTP calls).
        public var callerConnectionId: ConnectionId
        /// Which reducer ran, with what arguments.
        public var reducerCall: ReducerCallInfo
        /// Energy the reducer used.
        public var energyQuantaUsed: EnergyQuanta
        /// Server time spent (`total_host_execution_duration`).
        public var totalHostExecutionDuration: TimeDuration

        /// Creates the value from its fields.
        @inlinable public init(status: UpdateStatus, timestamp: Timestamp, callerIdentity: Identity, callerConnectionId: ConnectionId, reducerCall: ReducerCallInfo, energyQuantaUsed: EnergyQuanta, totalHostExecutionDuration: TimeDuration) {
            self.status = status
            self.timestamp = timestamp
            self.callerIdentity = callerIdentity
            self.callerConnectionId = callerConnectionId
            self.reducerCall = reducerCall
            self.energyQuantaUsed = energyQuantaUsed
            self.totalHostExecutionDuration = totalHostExecutionDuration
        }

        /// Writes the fields in wire order.
        @inlinable public func encode(to writer: inout BSATNWriter) {
            status.encode(to: &writer)
            timestamp.encode(to: &writer)
            callerIdentity.encode(to: &writer)
            callerConnectionId.encode(to: &writer)
            reducerCall.encode(to: &writer)
            energyQuantaUsed.encode(to: &writer)
            totalHostExecutionDuration.encode(to: &writer)
        }

        /// Reads the fields in wire order.
        @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
            status = try UpdateStatus(bsatn: &reader)
            timestamp = try Timestamp(bsatn: &reader)
            callerIdentity = try Identity(bsatn: &reader)
            callerConnectionId = try ConnectionId(bsatn: &reader)
            reducerCall = try ReducerCallInfo(bsatn: &reader)
            energyQuantaUsed = try EnergyQuanta(bsatn: &reader)
            totalHostExecutionDuration = try TimeDuration(bsatn: &reader)
        }
    }
}
