/// When the next group sync should wait a moment for the callers the last one acknowledged.
///
/// Clients that wait for their own acknowledgement before sending again (a sender in a loop) come
/// back a round trip after their result. Without a pause, the first of them to come back starts the
/// next sync alone and the rest wait a whole sync for the one after: N such senders split into two
/// alternating halves, and each sync carries N/2. Holding the sync until the callers of the last one
/// are back (or for at most ``maxHold`` after their results went out, and never longer than a sync
/// takes) lets one sync carry all N again. Nothing is acknowledged earlier: only later.
///
/// A pure state machine; the engine tells it what happened and asks it whether to wait.
struct SyncHold: Equatable {
    /// The longest a sync is held after the previous results went out.
    static let maxHold: Duration = .milliseconds(5)

    /// Callers acknowledged by the last sync that have not called again.
    private(set) var expected: Set<UInt64> = []
    /// Until when the hold may last (nil: no hold).
    private(set) var holdEnd: ContinuousClock.Instant?

    /// A sync that took `syncDuration` acknowledged `callers` at `now`.
    mutating func acknowledged(callers: Set<UInt64>, at now: ContinuousClock.Instant, syncDuration: Duration) {
        expected = callers
        holdEnd = callers.isEmpty ? nil : now + min(syncDuration, SyncHold.maxHold)
    }

    /// `caller` wrote a transaction; returns whether that was the last one the hold waited for.
    mutating func arrived(_ caller: UInt64) -> Bool {
        guard expected.remove(caller) != nil else { return false }
        return expected.isEmpty
    }

    /// Until when a sync wanted at `now` should wait, or nil to sync now.
    func deadline(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        guard !expected.isEmpty, let holdEnd, now < holdEnd else { return nil }
        return holdEnd
    }
}
