import Foundation
import Logging
import NIOWebSocket

/// Group commit: a transaction is written to the log at once, but fsync'd together with every other
/// transaction written before the engine gets round to the sync.
///
/// The engine runs on one serial queue. While it blocks in `fdatasync`, frames keep arriving and queue
/// up behind it; when the sync returns they all run, each writing its record, and the one sync job
/// scheduled by the first of them (queued behind all of them) makes them durable together. Nobody
/// hears of a transaction before its sync returned: its caller's result and its subscribers' updates
/// are held in ``HostEngine/awaitingSync`` and sent in commit order afterwards. Reads (subscribe,
/// one-off queries) and lifecycle commits sync first, so no client ever sees a row that is not durable.
extension HostEngine {
    /// Commits a transaction durably now (with everything waiting for a sync), then returns.
    func commit(_ changes: TransactionChanges) throws(HostError) {
        let normalized = changes.normalized
        guard !normalized.isEmpty else { return }
        var lost: HostError?
        writeGrouped(normalized, onDurable: {}, onLost: { lost = $0 })
        syncAwaiting()
        if let lost { throw lost }
    }

    /// Commits a transaction in the next group sync: `onDurable` runs once it is durable, after the
    /// callbacks of every transaction committed before it; `onLost` if it could not be made durable.
    /// `caller` is the session whose call it is (nil for the host's own transactions).
    func commitGrouped(
        _ normalized: TransactionChanges, caller: UInt64? = nil, onDurable: @escaping () -> Void,
        onLost: @escaping (HostError) -> Void
    ) {
        guard !normalized.isEmpty else {
            // Nothing to write, but its result must not overtake earlier results still waiting.
            if awaitingSync.isEmpty {
                onDurable()
            } else {
                awaitingSync.append(PendingCommit(onDurable: onDurable, onLost: onLost))
            }
            return
        }
        writeGrouped(normalized, caller: caller, onDurable: onDurable, onLost: onLost)
        let lastAwaited = caller.map { syncHold.arrived($0) } ?? false
        if !syncScheduled {
            syncScheduled = true
            // Queued behind the frames already waiting on the engine's serial queue: they join this sync.
            run { engine in engine.runScheduledSync() }
        } else if lastAwaited && syncHeld {
            // Everyone the held sync waited for is back: run it behind the frames already queued.
            run { engine in engine.runScheduledSync() }
        }
    }

    /// Makes every written transaction durable with one fsync and runs their callbacks in commit order.
    func syncAwaiting() {
        guard !awaitingSync.isEmpty else { return }
        let batch = awaitingSync
        awaitingSync = []
        let started = ContinuousClock.now
        do {
            try commitLog.sync()
        } catch {
            collectingDeliveries { for pending in batch { pending.onLost(error) } }
            failStorage(error)
            return
        }
        let now = ContinuousClock.now
        syncHold.acknowledged(callers: Set(batch.compactMap(\.caller)), at: now, syncDuration: now - started)
        collectingDeliveries { for pending in batch { pending.onDurable() } }
    }

    /// Runs a sync's callbacks with their messages collected into one ``DeliveryBatch``, then submits it.
    private func collectingDeliveries(_ callbacks: () -> Void) {
        guard !collectingSyncDeliveries else {
            callbacks()
            return
        }
        collectingSyncDeliveries = true
        callbacks()
        collectingSyncDeliveries = false
        let collected = syncDeliveries
        syncDeliveries = DeliveryBatch()
        collected.submit()
    }

    /// Adds messages to the running sync's batch, or sends them now in a batch of their own.
    func deliver(_ fill: (inout DeliveryBatch) -> Void) {
        if collectingSyncDeliveries {
            fill(&syncDeliveries)
        } else {
            var batch = DeliveryBatch()
            fill(&batch)
            batch.submit()
        }
    }

    /// The scheduled sync: runs now, or, while ``SyncHold`` waits for the last sync's callers, once
    /// they are all back or its deadline passed (whichever comes first runs it; a later run finds
    /// nothing to sync, syncs what came since, or holds for a newer hold). While `syncScheduled` is
    /// set, a run or a timer is always still to come, so a written transaction is never left unsynced.
    private func runScheduledSync() {
        guard !awaitingSync.isEmpty else {
            syncScheduled = false
            syncHeld = false
            return
        }
        if let deadline = syncHold.deadline(now: .now) {
            // Always a timer of its own, even if one is pending: that one may belong to an earlier
            // hold, and `syncScheduled` stays set only while a run or a timer is still to come.
            syncHeld = true
            let delay = ContinuousClock.now.duration(to: deadline)
            executor.runAfter(delay) { [self] in
                assumeIsolated { engine in engine.runScheduledSync() }
            }
            return
        }
        syncScheduled = false
        syncHeld = false
        syncAwaiting()
    }

    /// Writes the record (not yet synced) and applies it, or reports it lost if the write failed.
    private func writeGrouped(
        _ normalized: TransactionChanges, caller: UInt64? = nil, onDurable: @escaping () -> Void,
        onLost: @escaping (HostError) -> Void
    ) {
        do {
            try commitLog.appendUnsynced(changes: normalized.logChanges)
        } catch {
            onLost(error)
            return
        }
        tables.apply(normalized)
        awaitingSync.append(PendingCommit(caller: caller, onDurable: onDurable, onLost: onLost))
    }

    /// After a failed sync the tables hold transactions that may not be on disk: stop serving, so no
    /// client reads them, and let a restart continue from what is durable.
    private func failStorage(_ error: HostError) {
        logger.critical(
            "commit log sync failed; the host stops serving, restart it to continue from what is durable",
            metadata: ["error": "\(error)"])
        stopped = true
        commitLog.closeFile()
        for session in sessions.values {
            session.close(code: .unexpectedServerError, reason: "the host could not store a transaction; restart it")
        }
        sessions.removeAll()
        subscriptions.removeAll()
    }
}

extension HostEngine {
    /// How many commit-log syncs ran since start.
    var commitLogSyncCount: Int { commitLog.syncCount }
}
