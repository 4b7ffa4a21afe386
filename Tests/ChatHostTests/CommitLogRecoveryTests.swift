import QuickstartChat
import SpacetimeDB
import Testing

@testable import ChatHost

/// The open-time decision, table-driven: only a damaged last record with nothing valid after it is a
/// torn tail; everything else refuses, naming the offset.
@Suite struct CommitLogRecoveryTests {
    static let alice = Identity.fromClaims(issuer: "localhost", subject: "alice")

    static func record(_ offset: UInt64, _ text: String) -> LogRecord {
        LogRecord(
            offset: offset,
            changes: [
                LogRecord.Change(
                    table: "message", isInsert: true,
                    row: Message(sender: alice, sent: Timestamp(microsecondsSinceUnixEpoch: 1), text: text).bsatnBytes())
            ])
    }

    static let frames = (0..<3).map { CommitLog.frame(record(UInt64($0), "message \($0)")) }
    static let header = CommitLogRecovery.magic
    static let wholeLog = header + frames.joined()
    /// Where record `index` starts in ``wholeLog``.
    static func start(of index: Int) -> Int { header.count + frames.prefix(index).map(\.count).reduce(0, +) }

    static func flipped(_ bytes: [UInt8], at index: Int) -> [UInt8] {
        var copy = bytes
        copy[index] ^= 0x5A
        return copy
    }

    /// A frame with a correct checksum around a payload that is not a `LogRecord`.
    static var undecodableFrame: [UInt8] {
        let payload: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0]  // offset 0, "9 changes", none present
        var writer = BSATNWriter()
        writer.write(UInt32(payload.count))
        writer.write(CRC32C.checksum(payload))
        writer.writeRaw(payload)
        return writer.bytes
    }

    enum Expected: Sendable, CustomStringConvertible {
        case fresh
        case asIs
        case torn(dropped: Int)
        case refused(offset: Int)

        var description: String {
            switch self {
            case .fresh: "fresh"
            case .asIs: "as is"
            case .torn(let dropped): "torn tail of \(dropped) bytes"
            case .refused(let offset): "refused at \(offset)"
            }
        }
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var bytes: [UInt8]
        var expected: Expected
        var keptRecords: Int
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty file", bytes: [], expected: .fresh, keptRecords: 0),
        Case(name: "partial header", bytes: Array("STCH".utf8), expected: .fresh, keptRecords: 0),
        Case(name: "short file that is not a header", bytes: Array("XYZ".utf8), expected: .refused(offset: 0), keptRecords: 0),
        Case(name: "header only", bytes: header, expected: .asIs, keptRecords: 0),
        Case(name: "three intact records", bytes: wholeLog, expected: .asIs, keptRecords: 3),
        Case(
            name: "last record cut short", bytes: Array(wholeLog.dropLast(5)),
            expected: .torn(dropped: frames[2].count - 5), keptRecords: 2),
        Case(
            name: "last record's header cut short", bytes: Array(wholeLog.prefix(start(of: 2) + 3)),
            expected: .torn(dropped: 3), keptRecords: 2),
        Case(name: "zeros after the last record", bytes: wholeLog + [UInt8](repeating: 0, count: 4096),
             expected: .torn(dropped: 4096), keptRecords: 3),
        Case(
            name: "last record fails its checksum", bytes: flipped(wholeLog, at: start(of: 2) + 20),
            expected: .torn(dropped: frames[2].count), keptRecords: 2),
        Case(
            name: "middle record fails its checksum", bytes: flipped(wholeLog, at: start(of: 1) + 20),
            expected: .refused(offset: start(of: 1)), keptRecords: 1),
        Case(
            name: "middle record's length damaged", bytes: flipped(wholeLog, at: start(of: 1) + 2),
            expected: .refused(offset: start(of: 1)), keptRecords: 1),
        Case(
            name: "first record damaged", bytes: flipped(wholeLog, at: start(of: 0) + 9),
            expected: .refused(offset: start(of: 0)), keptRecords: 0),
        Case(name: "magic overwritten", bytes: Array("GARBAGE!".utf8) + frames.joined(), expected: .refused(offset: 0), keptRecords: 3),
        Case(name: "one magic byte flipped", bytes: flipped(wholeLog, at: 3), expected: .refused(offset: 0), keptRecords: 3),
        Case(
            name: "intact checksum, undecodable payload", bytes: header + frames[0] + undecodableFrame,
            expected: .refused(offset: start(of: 1)), keptRecords: 1),
        Case(
            name: "garbage then an intact record", bytes: header + frames[0] + [1, 2, 3] + frames[1],
            expected: .refused(offset: start(of: 1)), keptRecords: 1),
    ]

    @Test(arguments: cases)
    func decision(_ testCase: Case) {
        let recovery = CommitLogRecovery.assess(testCase.bytes)
        switch (testCase.expected, recovery.decision) {
        case (.fresh, .startFresh), (.asIs, .useAsIs):
            break
        case (.torn(let dropped), .cutTornTail(let droppedBytes)):
            #expect(droppedBytes == dropped)
            #expect(recovery.validLength + droppedBytes == testCase.bytes.count)
        case (.refused(let offset), .refuse(let damage)):
            #expect(damage.offset == offset)
            #expect(damage.intactRecords == testCase.keptRecords)
            #expect(damage.reason.contains("byte \(offset)") || offset == 0)
        default:
            Issue.record("\(testCase.name): expected \(testCase.expected), got \(recovery.decision)")
        }
        #expect(recovery.records.count == testCase.keptRecords)
        #expect(recovery.records == (0..<testCase.keptRecords).map { Self.record(UInt64($0), "message \($0)") })
        #expect(recovery.recordOffsets == (0..<testCase.keptRecords).map { Self.start(of: $0) })
    }

    /// A record found unusable after the bytes were assessed (the tables cannot apply it): the start is
    /// refused before anything is written, whatever the bytes alone would have done (a torn tail is
    /// not cut first), and recovery keeps only the records before the earliest damage.
    struct UnusableCase: Sendable, CustomStringConvertible {
        var name: String
        var bytes: [UInt8]
        var unusableRecord: Int
        var refusedAt: Int
        var keptRecords: Int
        var description: String { name }
    }

    static let unusableCases: [UnusableCase] = [
        UnusableCase(name: "intact log", bytes: wholeLog, unusableRecord: 1, refusedAt: start(of: 1), keptRecords: 1),
        UnusableCase(
            name: "torn tail after it", bytes: Array(wholeLog.dropLast(5)), unusableRecord: 1, refusedAt: start(of: 1),
            keptRecords: 1),
        UnusableCase(
            name: "the first record, torn tail after it", bytes: Array(wholeLog.dropLast(5)), unusableRecord: 0,
            refusedAt: start(of: 0), keptRecords: 0),
        UnusableCase(
            name: "damaged header before it", bytes: Array("GARBAGE!".utf8) + frames.joined(), unusableRecord: 2,
            refusedAt: 0, keptRecords: 2),
        UnusableCase(
            name: "damaged record after it", bytes: flipped(wholeLog, at: start(of: 2) + 2) + frames[0], unusableRecord: 1,
            refusedAt: start(of: 1), keptRecords: 1),
    ]

    @Test(arguments: unusableCases)
    func unusableRecordRefusesBeforeAnyWrite(_ testCase: UnusableCase) {
        let assessed = CommitLogRecovery.assess(testCase.bytes)
        let damage = LogDamage(
            offset: assessed.recordOffsets[testCase.unusableRecord], reason: "cannot be applied",
            intactRecords: testCase.unusableRecord)
        let recovery = assessed.refusing(damage)
        guard case .refuse(let refused) = recovery.decision else {
            Issue.record("\(testCase.name): expected a refusal, got \(recovery.decision)")
            return
        }
        #expect(refused.offset == testCase.refusedAt)
        #expect(refused.intactRecords == testCase.keptRecords)
        #expect(recovery.records == Array(assessed.records.prefix(testCase.keptRecords)))
        #expect(recovery.recordOffsets == (0..<testCase.keptRecords).map { Self.start(of: $0) })
    }
}
