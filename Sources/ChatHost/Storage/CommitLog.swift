import Foundation
import Logging
import SpacetimeDB

/// An append-only, checksummed, fsync'd log of committed transactions: the host's durable storage.
///
/// File layout: the 8-byte magic `STCHLOG1`, then records of `u32 LE length`, `u32 LE CRC-32C of the
/// payload`, and the payload (the BSATN of a ``LogRecord``). ``append(_:)`` returns only after
/// `fsync`, so a transaction is durable before any client hears of it. On open, a torn or corrupt tail
/// (short header, short payload, bad checksum or undecodable payload) is cut off with a warning: a
/// crash mid-write loses only the transaction that was never acknowledged, and never stops a start.
///
/// Not thread-safe: the host engine owns it and calls it from its own isolation domain.
final class CommitLog {
    static let magic: [UInt8] = Array("STCHLOG1".utf8)
    static let headerSize = 8

    /// Where the log lives.
    let path: String
    /// Every intact record read at open, in order.
    private(set) var recovered: [LogRecord] = []
    /// How many bytes of torn or corrupt tail were dropped at open.
    private(set) var droppedTailBytes = 0
    /// The offset the next record gets.
    private(set) var nextOffset: UInt64 = 0
    private var descriptor: Int32
    private let logger: Logger

    /// Opens (creating if needed) the log at `path` and reads back every intact record.
    init(path: String, logger: Logger) throws(HostError) {
        self.path = path
        self.logger = logger
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .storage(path: path, reason: CommitLog.errnoText()) }
        let contents: [UInt8]
        do {
            contents = try CommitLog.readAll(descriptor: descriptor)
        } catch {
            Foundation.close(descriptor)
            throw .storage(path: path, reason: "cannot read: \(error)")
        }
        let scan = CommitLog.scan(contents)
        recovered = scan.records
        nextOffset = (recovered.last?.offset).map { $0 + 1 } ?? 0
        if scan.validLength < CommitLog.headerSize {
            // Empty, or a crash before the header was complete: start a fresh log.
            try writeFresh(records: [])
        } else if scan.validLength < contents.count {
            droppedTailBytes = contents.count - scan.validLength
            logger.warning(
                "commit log: dropping a torn or corrupt tail",
                metadata: ["path": "\(path)", "bytes": "\(droppedTailBytes)", "kept_records": "\(recovered.count)"])
            guard ftruncate(descriptor, off_t(scan.validLength)) == 0, fsync(descriptor) == 0 else {
                throw .storage(path: path, reason: "cannot cut the torn tail: \(CommitLog.errnoText())")
            }
        }
        guard lseek(descriptor, 0, SEEK_END) >= 0 else {
            throw .storage(path: path, reason: CommitLog.errnoText())
        }
    }

    deinit {
        if descriptor >= 0 { Foundation.close(descriptor) }
    }

    /// Appends one transaction and fsyncs; when this returns the transaction is durable.
    func append(changes: [LogRecord.Change]) throws(HostError) {
        let record = LogRecord(offset: nextOffset, changes: changes)
        let frame = CommitLog.frame(record)
        try writeFully(frame)
        guard fdatasync(descriptor) == 0 else {
            throw .storage(path: path, reason: "fsync failed: \(CommitLog.errnoText())")
        }
        nextOffset += 1
    }

    /// Replaces the log with one snapshot record holding `changes` (compaction at start-up).
    func compact(into changes: [LogRecord.Change]) throws(HostError) {
        let record = LogRecord(offset: 0, changes: changes)
        try writeFresh(records: changes.isEmpty ? [] : [record])
        nextOffset = changes.isEmpty ? 0 : 1
        recovered = changes.isEmpty ? [] : [record]
    }

    /// Closes the file; further appends fail.
    func closeFile() {
        if descriptor >= 0 {
            Foundation.close(descriptor)
            descriptor = -1
        }
    }

    /// The current size of the log file in bytes.
    var sizeInBytes: Int {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
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

    /// The intact records of a log file's bytes and the length of the intact prefix.
    static func scan(_ contents: [UInt8]) -> (records: [LogRecord], validLength: Int) {
        guard contents.count >= headerSize, Array(contents[0..<headerSize]) == magic else {
            return ([], 0)
        }
        var records: [LogRecord] = []
        var position = headerSize
        while contents.count - position >= 8 {
            var reader = BSATNReader(contents[position..<(position + 8)])
            guard let length = try? reader.readUInt32(), let checksum = try? reader.readUInt32() else { break }
            let start = position + 8
            guard Int(length) <= contents.count - start else { break }
            let payload = contents[start..<(start + Int(length))]
            guard CRC32C.checksum(payload) == checksum, let record = try? LogRecord(bsatnBytes: payload) else { break }
            records.append(record)
            position = start + Int(length)
        }
        return (records, position)
    }

    // MARK: - I/O

    private func writeFresh(records: [LogRecord]) throws(HostError) {
        var bytes = CommitLog.magic
        for record in records { bytes += CommitLog.frame(record) }
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .storage(path: temporary, reason: CommitLog.errnoText()) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = CommitLog.errnoText()
                Foundation.close(fd)
                throw .storage(path: temporary, reason: reason)
            }
            offset += written
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
        guard descriptor >= 0, lseek(descriptor, 0, SEEK_END) >= 0 else {
            throw .storage(path: path, reason: CommitLog.errnoText())
        }
    }

    private func writeFully(_ bytes: [UInt8]) throws(HostError) {
        guard descriptor >= 0 else { throw .storage(path: path, reason: "the log is closed") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .storage(path: path, reason: "write failed: \(CommitLog.errnoText())")
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
