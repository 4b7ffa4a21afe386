import Foundation
import Logging
import SpacetimeDB

extension ChatHost {
    /// Reads the commit log back: every row, users offline, a torn tail cut off; compacts a long log.
    ///
    /// A record that is intact but cannot be replayed is damage like any other: the start is refused
    /// with ``HostError/corruptLog(path:offset:reason:intactRecords:)``, or, with `recoverDamage`, the
    /// file is set aside and the records before it are kept.
    static func restore(directory: URL, recoverDamage: Bool, logger: Logger) throws(HostError) -> (ChatTables, CommitLog) {
        let path = directory.appendingPathComponent("commitlog.stchl").path
        // Replayed before the log is opened for writing: a record that cannot be applied refuses the
        // start (or is set aside by recovery) before a torn tail after it is cut.
        var replayed: (ChatTables, Int)?
        let commitLog = try CommitLog(path: path, logger: logger, recoverDamage: recoverDamage) { records, offsets in
            switch replay(records) {
            case .success(let result):
                replayed = result
                return nil
            case .failure(let failure):
                return LogDamage(
                    offset: offsets[failure.index],
                    reason: "record \(failure.index) (log offset \(records[failure.index].offset)) is intact but "
                        + "cannot be applied: \(failure.error)",
                    intactRecords: failure.index)
            }
        }
        let restored: (ChatTables, Int)
        if let replayed, commitLog.setAsidePath == nil {
            restored = replayed
        } else {
            // Recovery kept a prefix of what was read: replay exactly what it kept.
            guard case .success(let kept) = replay(commitLog.recovered) else {
                throw .storage(path: path, reason: "the records kept by recovery cannot be replayed")
            }
            restored = kept
        }
        var tables = restored.0
        let entries = restored.1
        let offline = tables.markAllOffline()
        let liveRows = tables.users.count + tables.messages.count
        if entries > 2 * liveRows + 1024 {
            try commitLog.compact(into: tables.snapshotChanges)
            logger.info("commit log compacted", metadata: ["entries_before": "\(entries)", "rows": "\(liveRows)"])
        } else if !offline.isEmpty {
            try commitLog.append(changes: offline.logChanges)
        }
        logger.info(
            "data restored",
            metadata: [
                "users": "\(tables.users.count)", "messages": "\(tables.messages.count)",
                "dropped_tail_bytes": "\(commitLog.droppedTailBytes)",
                "set_aside": "\(commitLog.setAsidePath ?? "none")",
            ])
        return (tables, commitLog)
    }

    private struct ReplayFailure: Error {
        var index: Int
        var error: BSATNDecodingError
    }

    /// The tables `records` build, and how many row changes they hold; or the first record that fails.
    private static func replay(_ records: [LogRecord]) -> Result<(ChatTables, Int), ReplayFailure> {
        var tables = ChatTables()
        var entries = 0
        for (index, record) in records.enumerated() {
            for change in record.changes {
                entries += 1
                do {
                    try tables.replay(change)
                } catch {
                    return .failure(ReplayFailure(index: index, error: error))
                }
            }
        }
        return .success((tables, entries))
    }
}
