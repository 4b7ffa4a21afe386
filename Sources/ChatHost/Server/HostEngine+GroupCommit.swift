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
    func commitGrouped(
        _ normalized: TransactionChanges, onDurable: @escaping () -> Void, onLost: @escaping (HostError) -> Void
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
        writeGrouped(normalized, onDurable: onDurable, onLost: onLost)
        guard !syncScheduled else { return }
        syncScheduled = true
        // Queued behind the frames already waiting on the engine's serial queue: they join this sync.
        Task { self.runScheduledSync() }
    }

    /// Makes every written transaction durable with one fsync and runs their callbacks in commit order.
    func syncAwaiting() {
        guard !awaitingSync.isEmpty else { return }
        let batch = awaitingSync
        awaitingSync = []
        do {
            try commitLog.sync()
        } catch {
            for pending in batch { pending.onLost(error) }
            failStorage(error)
            return
        }
        for pending in batch { pending.onDurable() }
    }

    private func runScheduledSync() {
        syncScheduled = false
        syncAwaiting()
    }

    /// Writes the record (not yet synced) and applies it, or reports it lost if the write failed.
    private func writeGrouped(
        _ normalized: TransactionChanges, onDurable: @escaping () -> Void, onLost: @escaping (HostError) -> Void
    ) {
        do {
            try commitLog.appendUnsynced(changes: normalized.logChanges)
        } catch {
            onLost(error)
            return
        }
        tables.apply(normalized)
        awaitingSync.append(PendingCommit(onDurable: onDurable, onLost: onLost))
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
