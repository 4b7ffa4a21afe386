import Foundation
import Logging
import SpacetimeDB

/// An append-only, checksummed, fsync'd log of committed transactions: the host's durable storage.
///
/// File layout: the 8-byte magic `STCHLOG1`, then records of `u32 LE length`, `u32 LE CRC-32C of the
/// payload`, and the payload (the BSATN of a ``LogRecord``). ``append(changes:)`` returns only after
/// `fdatasync`; the engine's group commit instead calls ``appendUnsynced(changes:)`` for each transaction and one
/// ``sync()`` for all of them, and tells no client of any before that sync returned. On open,
/// ``CommitLogRecovery`` decides: a torn tail (a crash mid-append, never acknowledged) is cut off with
/// a warning; any other damage refuses the start with ``HostError/corruptLog(path:offset:reason:intactRecords:)``
/// and leaves the file untouched, unless recovery was asked for: then the damaged file is copied
/// aside and the log restarts from the intact records before the damage.
///
/// Not thread-safe: the host engine owns it and calls it from its own isolation domain.
final class CommitLog {
    static let magic = CommitLogRecovery.magic
    static let headerSize = CommitLogRecovery.headerSize

    /// Where the log lives.
    let path: String
    /// Every intact record read at open, in order.
    private(set) var recovered: [LogRecord] = []
    /// Where each of ``recovered`` starts in the file as it was opened.
    private(set) var recoveredOffsets: [Int] = []
    /// How many bytes of torn tail were dropped at open.
    private(set) var droppedTailBytes = 0
    /// Where the damaged file was copied when recovery set it aside.
    private(set) var setAsidePath: String?
    /// The offset the next record gets.
    private(set) var nextOffset: UInt64 = 0
    /// How many group syncs ran since open (diagnostics: several transactions can share one).
    private(set) var syncCount = 0
    private var descriptor: Int32
    /// The file size when the last sync (or open) completed: every byte before it is durable.
    private var syncedSize: off_t = -1
    /// The file size after the last complete append (kept here, not asked of the kernel, so an append
    /// and a sync cost one system call each).
    private var writtenSize: off_t = -1
    /// The file size including the zeros written ahead of the records (``preallocationChunk``).
    private var allocatedSize: off_t = -1
    /// Set when an append failed part-way: later appends would land after a half-written record, which
    /// the next start would rightly refuse as damage, so none is attempted until a restart.
    private var appendFailed = false
    private let logger: Logger

    /// Opens (creating if needed) the log at `path` and reads back every intact record. Damage other
    /// than a torn tail throws ``HostError/corruptLog(path:offset:reason:intactRecords:)``, unless
    /// `recoverDamage` is set: then the file is set aside and the intact prefix kept.
    ///
    /// `check` sees the intact records (and where each starts) before anything is written: the damage
    /// it returns (a record the tables cannot apply) is treated like damage in the bytes, so a start
    /// it refuses leaves the file exactly as it was, torn tail included.
    init(
        path: String, logger: Logger, recoverDamage: Bool = false,
        check: (_ records: [LogRecord], _ offsets: [Int]) -> LogDamage? = { _, _ in nil }
    ) throws(HostError) {
        self.path = path
        self.logger = logger
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .storage(path: path, reason: CommitLog.errnoText()) }
        let contents: [UInt8]
        do {
            contents = try CommitLog.readAll(descriptor: descriptor)
        } catch {
            Foundation.close(descriptor)
            descriptor = -1  // so a deinit after this throw cannot close a reused descriptor number
            throw .storage(path: path, reason: "cannot read: \(error)")
        }
        var recovery = CommitLogRecovery.assess(contents)
        if let damage = check(recovery.records, recovery.recordOffsets) { recovery = recovery.refusing(damage) }
        recovered = recovery.records
        recoveredOffsets = recovery.recordOffsets
        nextOffset = (recovered.last?.offset).map { $0 + 1 } ?? 0
        switch recovery.decision {
        case .useAsIs:
            break
        case .startFresh:
            // Empty, or a crash before the header was complete: nothing was ever acknowledged here.
            try writeFresh(records: [])
        case .cutTornTail(let droppedBytes):
            droppedTailBytes = droppedBytes
            if contents[recovery.validLength...].allSatisfy({ $0 == 0 }) {
                // Only zeros written ahead of the records (``preallocationChunk``): nothing was lost.
                logger.info(
                    "commit log: cutting the zeros written ahead of the records",
                    metadata: ["path": "\(path)", "bytes": "\(droppedBytes)", "kept_records": "\(recovered.count)"])
            } else {
                logger.warning(
                    "commit log: dropping a torn tail (a transaction that was never acknowledged)",
                    metadata: ["path": "\(path)", "bytes": "\(droppedBytes)", "kept_records": "\(recovered.count)"])
            }
            guard ftruncate(descriptor, off_t(recovery.validLength)) == 0, fsync(descriptor) == 0 else {
                throw .storage(path: path, reason: "cannot cut the torn tail: \(CommitLog.errnoText())")
            }
        case .refuse(let damage):
            guard recoverDamage else {
                Foundation.close(descriptor)
                descriptor = -1
                throw .corruptLog(path: path, offset: damage.offset, reason: damage.reason, intactRecords: damage.intactRecords)
            }
            try setAside(keepingFirst: damage.intactRecords, damage: damage)
        }
        let end = lseek(descriptor, 0, SEEK_END)
        guard end >= 0 else {
            throw .storage(path: path, reason: CommitLog.errnoText())
        }
        syncedSize = end
        writtenSize = end
        allocatedSize = end
    }

    /// How many zero bytes are written (and synced) ahead of the records at a time.
    ///
    /// `fdatasync` after an append that grows the file must also commit the new size through ext4's
    /// journal; after overwriting blocks that already hold zeros it only writes the data (measured
    /// here: p50 125 -> 80 µs and 60 -> 42 µs of CPU per sync). A crash leaves zeros after the last
    /// record, which the next start cuts off like a torn tail.
    static let preallocationChunk = 1 << 20

    deinit {
        if descriptor >= 0 { Foundation.close(descriptor) }
    }

    /// Appends one transaction and fsyncs; when this returns the transaction is durable.
    func append(changes: [LogRecord.Change]) throws(HostError) {
        try appendUnsynced(changes: changes)
        try sync()
    }

    /// Writes one transaction's record without syncing: it is durable only once ``sync()`` returns.
    func appendUnsynced(changes: [LogRecord.Change]) throws(HostError) {
        guard !appendFailed else {
            throw .storage(path: path, reason: "an earlier write failed; restart the host to continue from what is durable")
        }
        let frame = CommitLog.frame(LogRecord(offset: nextOffset, changes: changes))
        if writtenSize + off_t(frame.count) > allocatedSize { preallocate(beyond: writtenSize + off_t(frame.count)) }
        do throws(HostError) {
            try writeFully(frame)
        } catch {
            appendFailed = true
            // Best effort: leave no half record behind (the next start would treat it as a torn tail anyway).
            if writtenSize >= 0 { _ = ftruncate(descriptor, writtenSize) }
            throw error
        }
        writtenSize += off_t(frame.count)
        nextOffset += 1
    }

    /// Makes every record written so far durable with one `fdatasync`.
    func sync() throws(HostError) {
        let request = try syncRequest()
        try finishSync(request, errorNumber: request.run())
    }

    /// What a sync of every record written so far needs: ``SyncRequest/run()`` may then run on another
    /// thread while this one appends more, and ``finishSync(_:errorNumber:)`` records its outcome.
    /// The file must stay open until then.
    func syncRequest() throws(HostError) -> SyncRequest {
        guard descriptor >= 0 else { throw .storage(path: path, reason: "the log is closed") }
        return SyncRequest(descriptor: descriptor, coveredSize: writtenSize)
    }

    /// Records the outcome of a ``syncRequest()``'s `fdatasync` (`errorNumber` 0: it succeeded, and
    /// every record written before the request is durable).
    func finishSync(_ request: SyncRequest, errorNumber: Int32) throws(HostError) {
        guard errorNumber == 0 else {
            let reason = String(cString: strerror(errorNumber))
            appendFailed = true
            // Best effort: drop the unsynced records (none was acknowledged); a start would cut only a torn tail.
            if syncedSize >= 0, descriptor >= 0 { _ = ftruncate(descriptor, syncedSize) }
            throw .storage(path: path, reason: "fsync failed: \(reason)")
        }
        syncedSize = max(syncedSize, request.coveredSize)
        syncCount += 1
    }

    /// Replaces the log with one snapshot record holding `changes` (compaction at start-up).
    func compact(into changes: [LogRecord.Change]) throws(HostError) {
        let record = LogRecord(offset: 0, changes: changes)
        try writeFresh(records: changes.isEmpty ? [] : [record])
        nextOffset = changes.isEmpty ? 0 : 1
        recovered = changes.isEmpty ? [] : [record]
    }

    /// Writes zeros from the end of the file to ``preallocationChunk`` past `size` and syncs them, so
    /// the records written there later are overwrites. Best effort: on failure the records simply
    /// extend the file as they did without it.
    private func preallocate(beyond size: off_t) {
        // Never before the records' end: after a failed attempt they may already reach past `allocatedSize`.
        let start = max(allocatedSize, writtenSize)
        let target = size + off_t(CommitLog.preallocationChunk)
        let zeros = [UInt8](repeating: 0, count: Int(target - start))
        do throws(HostError) {
            try CommitLog.writeAll(zeros, to: descriptor, at: start, path: path)
        } catch {
            return
        }
        guard fdatasync(descriptor) == 0 else { return }
        allocatedSize = target
    }

    /// Closes the file; further appends fail. The zeros ahead of the records are cut off first (unless a
    /// write or sync failed: then the file was already cut back to what is durable).
    func closeFile() {
        if descriptor >= 0, !appendFailed, allocatedSize > writtenSize, ftruncate(descriptor, writtenSize) == 0 {
            _ = fsync(descriptor)
        }
        if descriptor >= 0 {
            Foundation.close(descriptor)
            descriptor = -1
        }
    }

    /// The size of the log's records in bytes (the zeros written ahead of them not counted).
    var sizeInBytes: Int { max(0, Int(writtenSize)) }

    /// Copies the damaged file aside (never deleting it), then rewrites the log with its first
    /// `count` intact records, so the host starts from the valid prefix. For `--recover` only.
    func setAside(keepingFirst count: Int, damage: LogDamage) throws(HostError) {
        let contents: [UInt8]
        do {
            contents = try CommitLog.readAll(descriptor: descriptor)
        } catch {
            throw .storage(path: path, reason: "cannot read the damaged log to copy it: \(error)")
        }
        let copy = try CommitLog.writeCopy(contents, besides: path)
        let kept = Array(recovered.prefix(count))
        try writeFresh(records: kept)
        recovered = kept
        recoveredOffsets = Array(recoveredOffsets.prefix(count))
        nextOffset = (kept.last?.offset).map { $0 + 1 } ?? 0
        setAsidePath = copy
        logger.warning(
            "commit log: damaged file copied aside; starting from the intact records before the damage",
            metadata: [
                "path": "\(path)", "copy": "\(copy)", "damage_offset": "\(damage.offset)", "reason": "\(damage.reason)",
                "kept_records": "\(count)",
            ])
    }

    /// Writes `bytes` to a new file next to `path` named `<name>.damaged-<UTC time>`, fsynced; returns its path.
    private static func writeCopy(_ bytes: [UInt8], besides path: String) throws(HostError) -> String {
        let stamp = ISO8601DateFormatter.string(
            from: Date(), timeZone: TimeZone(identifier: "UTC") ?? .current,
            formatOptions: [.withYear, .withMonth, .withDay, .withTime, .withTimeZone])
        var candidate = "\(path).damaged-\(stamp)"
        var attempt = 1
        var fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        while fd < 0 && errno == EEXIST {
            attempt += 1
            candidate = "\(path).damaged-\(stamp)-\(attempt)"
            fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        }
        guard fd >= 0 else { throw .storage(path: candidate, reason: "cannot keep a copy: \(errnoText())") }
        defer { Foundation.close(fd) }
        try writeAll(bytes, to: fd, path: candidate)
        guard fsync(fd) == 0 else { throw .storage(path: candidate, reason: "fsync failed: \(errnoText())") }
        syncDirectory(of: candidate)
        return candidate
    }

    // MARK: - File format

    static func frame(_ record: LogRecord) -> [UInt8] {
        let payload = record.bsatnBytes()
        var writer = BSATNWriter(capacity: payload.count + 8)
        writer.write(UInt32(payload.count))
        writer.write(CRC32C.checksum(payload))
        writer.writeRaw(payload)
        return writer.bytes
    }

    // MARK: - I/O

    private func writeFresh(records: [LogRecord]) throws(HostError) {
        var bytes = CommitLog.magic
        for record in records { bytes += CommitLog.frame(record) }
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .storage(path: temporary, reason: CommitLog.errnoText()) }
        do {
            try CommitLog.writeAll(bytes, to: fd, path: temporary)
        } catch {
            Foundation.close(fd)
            throw error
        }
        guard fsync(fd) == 0 else {
            let reason = CommitLog.errnoText()
            Foundation.close(fd)
            throw .storage(path: temporary, reason: "fsync failed: \(reason)")
        }
        Foundation.close(fd)
        guard rename(temporary, path) == 0 else { throw .storage(path: path, reason: CommitLog.errnoText()) }
        CommitLog.syncDirectory(of: path)
        if descriptor >= 0 { Foundation.close(descriptor) }
        descriptor = open(path, O_RDWR | O_CLOEXEC)
        let end = descriptor >= 0 ? lseek(descriptor, 0, SEEK_END) : -1
        guard end >= 0 else {
            throw .storage(path: path, reason: CommitLog.errnoText())
        }
        syncedSize = end
        writtenSize = end
        allocatedSize = end
    }

    private func writeFully(_ bytes: [UInt8]) throws(HostError) {
        guard descriptor >= 0 else { throw .storage(path: path, reason: "the log is closed") }
        try CommitLog.writeAll(bytes, to: descriptor, at: writtenSize, path: path)
    }

    /// Writes all of `bytes` at `position` in the file (not at the file offset: zeros may lie past the records).
    private static func writeAll(_ bytes: [UInt8], to fd: Int32, at position: off_t, path: String) throws(HostError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, position + off_t(offset)) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .storage(path: path, reason: "write failed: \(errnoText())")
            }
            offset += written
        }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(HostError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .storage(path: path, reason: "write failed: \(errnoText())")
            }
            offset += written
        }
    }

    private static func readAll(descriptor: Int32) throws -> [UInt8] {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw HostError.storage(path: "", reason: errnoText()) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + offset, raw.count - offset, off_t(offset))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw HostError.storage(path: "", reason: errnoText())
            }
            if count == 0 { break }
            offset += count
        }
        return Array(bytes[0..<offset])
    }

    static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            Foundation.close(fd)
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
