/// This client's procedure calls that await their result, keyed by request id.
///
/// Unlike reducer calls, a procedure result always echoes the request id (v1 and v2), so matching
/// is by id alone. Each call remembers whether it went out, because a drop fails only the calls
/// that were sent (their outcome is unknown); queued calls go out after a reconnect.
struct PendingProcedureCalls: Sendable {
    /// What runs with a call's result, on the drain thread.
    typealias Completion = @Sendable (DbConnection, Result<[UInt8], ProcedureError>) -> Void

    /// One call awaiting its result.
    struct Call: Sendable {
        var completion: Completion
        /// The transport it went out on; nil while it waits for the connection to open.
        var sentOnGeneration: UInt64?
    }

    private var calls: [UInt32: Call] = [:]

    /// How many calls await a result.
    var count: Int { calls.count }

    /// Records call `requestId`, not sent yet.
    mutating func add(requestId: UInt32, completion: @escaping Completion) {
        calls[requestId] = Call(completion: completion)
    }

    /// Notes that call `requestId` went out on transport `generation`.
    mutating func markSent(requestId: UInt32, generation: UInt64) {
        calls[requestId]?.sentOnGeneration = generation
    }

    /// Takes the call a result with `requestId` answers; nil for an id this client is not waiting on.
    mutating func take(requestId: UInt32) -> Call? {
        calls.removeValue(forKey: requestId)
    }

    /// Takes the calls that were sent but not answered (the connection dropped), in request-id order; queued ones stay.
    mutating func takeInFlight() -> [Call] {
        let ids = calls.filter { $0.value.sentOnGeneration != nil }.keys.sorted()
        return ids.compactMap { calls.removeValue(forKey: $0) }
    }

    /// Takes every call (the connection is over), in request-id order.
    mutating func takeAll() -> [Call] {
        defer { calls = [:] }
        return calls.keys.sorted().compactMap { calls[$0] }
    }
}
