/// This client's reducer calls that await their outcome, and how answers are matched to them.
///
/// v2 answers carry the request id. v1 answers echo it for committed calls, but servers up to 1.12
/// send request id 0 on failures, so an answer with id 0 is matched to the oldest pending call of
/// the same reducer (the caller's identity and connection id were checked before).
struct PendingReducerCalls: Sendable {
    /// One call in flight.
    struct Call: Sendable {
        var requestId: UInt32
        var reducerName: String
        var args: [UInt8]
        var callback: (@Sendable (EventContext, ReducerStatus) -> Void)?
        /// The transport it went out on; nil while it waits for the connection to open.
        var sentOnGeneration: UInt64?
        /// When it went out (for ``ResponseWatchdog``).
        var sentAt: ContinuousClock.Instant?
    }

    private(set) var calls: [Call] = []

    /// Records a call.
    mutating func add(_ call: Call) { calls.append(call) }

    /// Takes the call an answer belongs to: by `requestId` when non-zero, else by `reducerName`.
    mutating func take(requestId: UInt32, reducerName: String?) -> Call? {
        let index: Int?
        if requestId != 0 {
            index = calls.firstIndex { $0.requestId == requestId }
        } else if let reducerName {
            index = calls.firstIndex { $0.reducerName == reducerName }
        } else {
            index = nil
        }
        guard let index else { return nil }
        return calls.remove(at: index)
    }

    /// Notes that call `requestId` went out on transport `generation` at `instant`.
    mutating func markSent(requestId: UInt32, generation: UInt64, at instant: ContinuousClock.Instant = .now) {
        if let index = calls.firstIndex(where: { $0.requestId == requestId }) {
            calls[index].sentOnGeneration = generation
            calls[index].sentAt = instant
        }
    }

    /// When the oldest call still awaiting its answer went out on transport `generation`.
    func oldestSentAt(onGeneration generation: UInt64) -> ContinuousClock.Instant? {
        calls.lazy.filter { $0.sentOnGeneration == generation }.compactMap(\.sentAt).min()
    }

    /// Takes the calls that were sent but not answered (the connection dropped); queued ones stay.
    mutating func takeInFlight() -> [Call] {
        let inFlight = calls.filter { $0.sentOnGeneration != nil }
        calls.removeAll { $0.sentOnGeneration != nil }
        return inFlight
    }

    /// Takes every call (the connection is over).
    mutating func takeAll() -> [Call] {
        defer { calls = [] }
        return calls
    }
}
