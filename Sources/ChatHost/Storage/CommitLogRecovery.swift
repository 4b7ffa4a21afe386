import SpacetimeDB

/// What opening a commit log should do, decided from the file's bytes alone (no I/O).
///
/// Only a crash mid-append is forgiven: the last record incomplete or failing its checksum with
/// nothing valid after it (a torn tail), which holds a transaction no client heard of. Anything
/// else (a damaged header, a damaged record with intact records after it, a record whose checksum
/// matches but whose payload cannot be read) is damage the host did not cause: it refuses to start,
/// and the file is never cut or rewritten unless the user asks for recovery (SQLite and PostgreSQL
/// react to corruption the same way).
struct CommitLogRecovery: Equatable {
    /// What to do with the file.
    enum Decision: Equatable {
        /// Empty, or a partial header: the host crashed before the log held anything. Write a header.
        case startFresh
        /// Every byte belongs to an intact record.
        case useAsIs
        /// The last record is torn: cut the file to ``CommitLogRecovery/validLength``, dropping this many bytes.
        case cutTornTail(droppedBytes: Int)
        /// The file is damaged: refuse to start (or, when asked, set it aside and keep ``CommitLogRecovery/records``).
        case refuse(LogDamage)
    }

    /// The intact records from the start of the file, up to the first damaged byte.
    var records: [LogRecord]
    /// Where each of ``records`` starts in the file.
    var recordOffsets: [Int]
    /// The length of the intact prefix (header and ``records``).
    var validLength: Int
    /// What to do.
    var decision: Decision

    static let magic: [UInt8] = Array("STCHLOG1".utf8)
    static let headerSize = 8
    static let frameHeaderSize = 8
    /// The smallest payload a record can have: its offset (u64) and an empty change array (u32).
    static let minimumPayloadSize = 12

    /// Decides what to do with a log file whose whole contents are `bytes`.
    static func assess(_ bytes: [UInt8]) -> CommitLogRecovery {
        if bytes.count < headerSize {
            guard bytes.elementsEqual(magic.prefix(bytes.count)) else {
                let damage = LogDamage(
                    offset: 0, reason: "the file is \(bytes.count) bytes and does not start with the header \"STCHLOG1\"",
                    intactRecords: 0)
                return CommitLogRecovery(records: [], recordOffsets: [], validLength: 0, decision: .refuse(damage))
            }
            return CommitLogRecovery(records: [], recordOffsets: [], validLength: 0, decision: .startFresh)
        }
        var result = scanRecords(bytes)
        guard bytes[0..<headerSize].elementsEqual(magic) else {
            let found = bytes[0..<headerSize].map { String($0, radix: 16) }.joined(separator: " ")
            result.decision = .refuse(
                LogDamage(
                    offset: 0,
                    reason: "the header is [\(found)], not \"STCHLOG1\" (\(result.records.count) intact records follow it)",
                    intactRecords: result.records.count))
            return result
        }
        return result
    }

    /// This assessment once the record at index `damage.intactRecords` turned out intact but unusable
    /// (the tables cannot apply it): the start is refused, and recovery keeps only the records before it.
    /// Where the file was already refused for damage at or before that record, that damage is reported.
    /// Decided before anything is written, so a refused start never cuts a torn tail first.
    func refusing(_ damage: LogDamage) -> CommitLogRecovery {
        let kept = min(max(damage.intactRecords, 0), records.count)
        var result = self
        result.records = Array(records.prefix(kept))
        result.recordOffsets = Array(recordOffsets.prefix(kept))
        if kept < recordOffsets.count { result.validLength = recordOffsets[kept] }
        if case .refuse(let earlier) = decision, earlier.offset <= damage.offset {
            result.decision = .refuse(
                LogDamage(offset: earlier.offset, reason: earlier.reason, intactRecords: min(earlier.intactRecords, kept)))
        } else {
            result.decision = .refuse(LogDamage(offset: damage.offset, reason: damage.reason, intactRecords: kept))
        }
        return result
    }

    /// Reads records from just after the header until the first one that is not intact, and decides.
    private static func scanRecords(_ bytes: [UInt8]) -> CommitLogRecovery {
        var records: [LogRecord] = []
        var offsets: [Int] = []
        var position = headerSize
        while position < bytes.count {
            switch frame(in: bytes, at: position) {
            case .intact(let payload, let end):
                guard let record = try? LogRecord(bsatnBytes: payload) else {
                    // The checksum matches, so these are the bytes that were written: not a torn write.
                    let damage = LogDamage(
                        offset: position,
                        reason: "the record at byte \(position) has a valid checksum but cannot be decoded",
                        intactRecords: records.count)
                    return CommitLogRecovery(
                        records: records, recordOffsets: offsets, validLength: position, decision: .refuse(damage))
                }
                records.append(record)
                offsets.append(position)
                position = end
            case .broken(let why):
                let decision: Decision
                if let next = firstIntactFrame(in: bytes, after: position) {
                    decision = .refuse(
                        LogDamage(
                            offset: position,
                            reason: "the record at byte \(position) is damaged (\(why)) but an intact record follows at byte \(next), so this is not a torn tail",
                            intactRecords: records.count))
                } else {
                    decision = .cutTornTail(droppedBytes: bytes.count - position)
                }
                return CommitLogRecovery(records: records, recordOffsets: offsets, validLength: position, decision: decision)
            }
        }
        return CommitLogRecovery(records: records, recordOffsets: offsets, validLength: position, decision: .useAsIs)
    }

    private enum Frame {
        case intact(payload: ArraySlice<UInt8>, end: Int)
        case broken(String)
    }

    /// The record frame (`u32 LE length`, `u32 LE CRC-32C`, payload) at `position`.
    private static func frame(in bytes: [UInt8], at position: Int) -> Frame {
        guard bytes.count - position >= frameHeaderSize else { return .broken("incomplete record header") }
        let length = Int(littleEndianUInt32(bytes, at: position))
        let checksum = littleEndianUInt32(bytes, at: position + 4)
        let start = position + frameHeaderSize
        guard length >= minimumPayloadSize else { return .broken("impossible length \(length)") }
        guard length <= bytes.count - start else { return .broken("incomplete record of \(length) bytes") }
        let payload = bytes[start..<(start + length)]
        guard CRC32C.checksum(payload) == checksum else { return .broken("checksum mismatch") }
        return .intact(payload: payload, end: start + length)
    }

    /// The first position after `position` where an intact frame starts, if any: evidence that the
    /// damage at `position` is not the end of what was written.
    private static func firstIntactFrame(in bytes: [UInt8], after position: Int) -> Int? {
        var candidate = position + 1
        while bytes.count - candidate >= frameHeaderSize + minimumPayloadSize {
            if case .intact = frame(in: bytes, at: candidate) { return candidate }
            candidate += 1
        }
        return nil
    }

    private static func littleEndianUInt32(_ bytes: [UInt8], at index: Int) -> UInt32 {
        UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
    }
}

/// Where and how a commit log is damaged beyond a torn tail.
struct LogDamage: Equatable, Sendable {
    /// The byte offset of the first damaged record (0 for the header).
    var offset: Int
    /// What is wrong, for the error message.
    var reason: String
    /// How many intact records precede the damage: what `--recover` keeps.
    var intactRecords: Int
}
