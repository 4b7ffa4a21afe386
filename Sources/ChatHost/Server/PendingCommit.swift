/// A transaction written to the commit log but not yet fsync'd, with what the engine does once the
/// group sync that covers it succeeds (tell the caller and the subscribers) or fails (tell the caller).
///
/// Both closures run on the engine's own isolation, in commit order.
struct PendingCommit {
    /// The session whose reducer call it is, if a client called it (``SyncHold`` waits for it to call again).
    var caller: UInt64? = nil
    /// Whether it wrote a record (false: nothing to write, it waits only for the results before it).
    var written = true
    /// Runs once the transaction is durable.
    let onDurable: () -> Void
    /// Runs when the sync (or the write) failed: the transaction was not made durable.
    let onLost: (HostError) -> Void
}
