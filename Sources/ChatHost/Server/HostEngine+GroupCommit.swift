import Foundation
import Logging
import NIOWebSocket

/// Group commit: a transaction is written to the log at once, but fsync'd together with every other
/// transaction written before the engine gets round to the sync.
///
/// The engine runs on one serial queue; the `fdatasync` runs on the sync thread (``BackgroundSync``),
/// one at a time. While it runs, frames keep arriving and the engine decodes, applies and writes them;
/// when it returns, its transactions are acknowledged and the next sync covers everything written
/// since. Nobody hears of a transaction before its sync returned: its caller's result and its
/// subscribers' updates are held in ``HostEngine/inFlightBatch`` and ``HostEngine/awaitingSync`` and
/// sent in commit order afterwards. Reads (subscribe, one-off queries) and lifecycle commits wait for
/// the sync in flight and sync the rest at once, so no client ever sees a row that is not durable.
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

    /// Commits a transaction in the next group sync: `onWritten` runs at once when its record is written
    /// and applied (what unconfirmed readers get), `onDurable` once it is durable, after the callbacks
    /// of every transaction committed before it; `onLost` if it could not be made durable.
    /// `caller` is the session whose call it is (nil for the host's own transactions).
    func commitGrouped(
        _ normalized: TransactionChanges, caller: UInt64? = nil, onWritten: () -> Void = {},
        onDurable: @escaping () -> Void, onLost: @escaping (HostError) -> Void
    ) {
        guard !normalized.isEmpty else {
            onWritten()
            // Nothing to write, but its result must not overtake earlier results still waiting.
            if awaitingSync.isEmpty && syncInFlight == nil {
                onDurable()
            } else {
                awaitingSync.append(PendingCommit(written: false, onDurable: onDurable, onLost: onLost))
            }
            return
        }
        guard writeGrouped(normalized, caller: caller, onDurable: onDurable, onLost: onLost) else { return }
        onWritten()
        let lastAwaited = caller.map { syncHold.arrived($0, at: .now) } ?? false
        // The sync in flight schedules the next one when it completes.
        guard syncInFlight == nil else { return }
        if !syncScheduled {
            syncScheduled = true
            // Queued behind the frames already waiting on the engine's serial queue: they join this sync.
            run { engine in engine.runScheduledSync() }
        } else if lastAwaited && syncHeld {
            // Everyone the held sync waited for is back: run it behind the frames already queued.
            run { engine in engine.runScheduledSync() }
        }
    }

    /// Makes every written transaction durable (waiting for the sync in flight, then one fsync for the
    /// rest) and runs their callbacks in commit order.
    func syncAwaiting() {
        finishInFlightSync()
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
        acknowledge(batch, syncStarted: started)
    }

    /// Runs the callbacks of a sync's transactions in commit order, and those of the transactions
    /// after them that had nothing to write (they waited only for these results).
    private func acknowledge(_ batch: [PendingCommit], syncStarted started: ContinuousClock.Instant) {
        let now = ContinuousClock.now
        syncHold.acknowledged(callers: Set(batch.compactMap(\.caller)), at: now, syncDuration: now - started)
        let unwritten = awaitingSync.prefix { !$0.written }
        awaitingSync.removeFirst(unwritten.count)
        collectingDeliveries {
            for pending in batch { pending.onDurable() }
            for pending in unwritten { pending.onDurable() }
        }
    }

    /// Starts a sync of every written transaction on the sync thread; when it returns, the
    /// engine acknowledges them (``finishInFlightSync()``) and schedules the next sync.
    private func startBackgroundSync() {
        let request: SyncRequest
        do throws(HostError) {
            request = try commitLog.syncRequest()
        } catch {
            let lost = awaitingSync
            awaitingSync = []
            collectingDeliveries { for pending in lost { pending.onLost(error) } }
            failStorage(error)
            return
        }
        syncGeneration += 1
        let job = BackgroundSync(generation: syncGeneration, request: request, started: .now, perform: performSync)
        syncInFlight = job
        inFlightBatch = awaitingSync
        awaitingSync = []
        syncQueue.async { [self] in
            job.run()
            run { engine in engine.completeBackgroundSync(generation: job.generation) }
        }
    }

    /// The sync thread's report that a sync returned: acknowledges its transactions (unless the engine
    /// already waited for it) and schedules a sync for what was written meanwhile.
    private func completeBackgroundSync(generation: UInt64) {
        guard syncInFlight?.generation == generation else { return }
        finishInFlightSync()
        if !awaitingSync.isEmpty && !syncScheduled && !stopped {
            syncScheduled = true
            runScheduledSync()
        }
    }

    /// Waits for the sync in flight, if any, then acknowledges its transactions, or, if it failed,
    /// reports them and every later one lost and stops serving.
    private func finishInFlightSync() {
        guard let job = syncInFlight else { return }
        let errorNumber = job.waitForOutcome()
        let batch = inFlightBatch
        syncInFlight = nil
        inFlightBatch = []
        do throws(HostError) {
            try commitLog.finishSync(job.request, errorNumber: errorNumber)
        } catch {
            // The log was cut back to what is durable: the later records are gone too.
            let lost = batch + awaitingSync
            awaitingSync = []
            collectingDeliveries { for pending in lost { pending.onLost(error) } }
            failStorage(error)
            return
        }
        acknowledge(batch, syncStarted: job.started)
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
        guard !awaitingSync.isEmpty, syncInFlight == nil, !stopped else {
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
        startBackgroundSync()
    }

    /// Writes the record (not yet synced) and applies it, or reports it lost if the write failed;
    /// returns whether it was written.
    @discardableResult
    private func writeGrouped(
        _ normalized: TransactionChanges, caller: UInt64? = nil, onDurable: @escaping () -> Void,
        onLost: @escaping (HostError) -> Void
    ) -> Bool {
        do {
            try commitLog.appendUnsynced(changes: normalized.logChanges)
        } catch {
            onLost(error)
            return false
        }
        tables.apply(normalized)
        awaitingSync.append(PendingCommit(caller: caller, onDurable: onDurable, onLost: onLost))
        return true
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
