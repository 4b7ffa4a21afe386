/// When the next group sync should wait a moment for the callers the last one acknowledged.
///
/// Clients that wait for their own acknowledgement before sending again (a sender in a loop) come
/// back a round trip after their result. Without a pause, the first of them to come back starts the
/// next sync alone and the rest wait a whole sync for the one after: N such senders split into
/// alternating parts, and each sync carries a part. Holding the sync until the callers of the last
/// one are back lets one sync carry all N again. Nothing is acknowledged earlier: only later.
///
/// How long to hold is learned: the slowest return of each round (a caller acknowledged at t that
/// calls again at t + d, counted only when d is at most ``maxHold``), smoothed over rounds, plus a
/// quarter; never less than the last sync took, and never more than ``syncsHeld`` syncs' time or
/// ``maxHold``, so that one caller with a slow round trip cannot make every sync wait for it. Holding only as long as
/// a sync took (the first version) let ten senders on loopback put 6–7 calls in a sync instead of
/// 10, because their round trip is longer than a sync on a fast disk. A caller that does not come
/// back (a person typing) delays a sync that someone else wants by at most that hold.
///
/// A pure state machine; the engine tells it what happened and asks it whether to wait.
struct SyncHold: Equatable {
    /// The longest a sync is held after the previous results went out.
    static let maxHold: Duration = .milliseconds(5)
    /// The longest a sync is held, in multiples of the last sync's duration.
    static let syncsHeld = 4

    /// Callers acknowledged by the last sync that have not called again.
    private(set) var expected: Set<UInt64> = []
    /// Until when the hold may last (nil: no hold).
    private(set) var holdEnd: ContinuousClock.Instant?
    /// How long acknowledged callers have recently taken to call again (zero until one has).
    private(set) var returnTime: Duration = .zero
    /// When the last sync's callers were acknowledged.
    private var acknowledgedAt: ContinuousClock.Instant?
    /// The slowest of them to come back so far (within ``maxHold``).
    private var slowestReturn: Duration = .zero

    /// A sync that took `syncDuration` acknowledged `callers` at `now`.
    mutating func acknowledged(callers: Set<UInt64>, at now: ContinuousClock.Instant, syncDuration: Duration) {
        if slowestReturn > .zero {
            returnTime = returnTime == .zero ? slowestReturn : (returnTime * 3 + slowestReturn) / 4
        }
        slowestReturn = .zero
        expected = callers
        acknowledgedAt = now
        let learned = min(returnTime + returnTime / 4, syncDuration * SyncHold.syncsHeld)
        let wait = min(max(syncDuration, learned), SyncHold.maxHold)
        holdEnd = callers.isEmpty ? nil : now + wait
    }

    /// `caller` wrote a transaction at `now`; returns whether that was the last one the hold waited for.
    mutating func arrived(_ caller: UInt64, at now: ContinuousClock.Instant) -> Bool {
        guard expected.remove(caller) != nil else { return false }
        if let acknowledgedAt, now - acknowledgedAt <= SyncHold.maxHold {
            slowestReturn = max(slowestReturn, now - acknowledgedAt)
        }
        return expected.isEmpty
    }

    /// Until when a sync wanted at `now` should wait, or nil to sync now.
    func deadline(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        guard !expected.isEmpty, let holdEnd, now < holdEnd else { return nil }
        return holdEnd
    }
}
