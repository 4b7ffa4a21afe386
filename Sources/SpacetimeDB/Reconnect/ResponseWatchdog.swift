/// Decides when a connection that takes reducer calls but answers none of them is dead.
///
/// The WebSocket keep-alive cannot see this case: it only asks whether the socket carries anything,
/// and a server whose network layer answers Pings while whatever runs our calls is stuck (or one
/// that still streams other clients' updates but never reads our socket) looks alive to it. So the
/// rule is about our own calls: once the oldest reducer call still awaiting its answer on this
/// connection has waited `timeout`, the connection is given up. The caller closes it with
/// ``DbConnectionError/timedOut`` and the reconnect policy takes over; the call's outcome is then
/// unknown, as after any drop.
///
/// Reducers run one at a time and briefly, so an answer that takes longer than `timeout` (30 s by
/// default) means the connection, not the reducer, is stuck. Procedures are left out: they may
/// legitimately run long (they can make HTTP requests).
///
/// A pure value: the connection asks for a verdict with the send time of its oldest unanswered
/// call and arms a timer for the instant the verdict names.
struct ResponseWatchdog: Sendable, Equatable {
    /// What the connection should do after a check.
    enum Verdict: Sendable, Equatable {
        /// Nothing awaits an answer: no check until the next call goes out.
        case idle
        /// Still within the limit: check again at this instant.
        case checkAgain(at: ContinuousClock.Instant)
        /// The oldest call has waited `timeout`: close the connection.
        case giveUp
    }

    /// How long a reducer call may go unanswered.
    let timeout: Duration

    /// The verdict at `now`, given when the oldest call still awaiting its answer on this connection
    /// went out (nil: none awaits).
    func verdict(oldestUnansweredSentAt oldest: ContinuousClock.Instant?, now: ContinuousClock.Instant) -> Verdict {
        guard let oldest else { return .idle }
        let deadline = oldest + timeout
        return now >= deadline ? .giveUp : .checkAgain(at: deadline)
    }
}
