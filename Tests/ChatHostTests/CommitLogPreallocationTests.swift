import Foundation
import Logging
import QuickstartChat
import SpacetimeDB
import Testing

@testable import ChatHost

/// The commit log writes zeros ahead of its records, so a group sync overwrites blocks instead of
/// growing the file: a clean close cuts the zeros off, a crash leaves them, and the next start cuts
/// them like a torn tail and keeps every record.
@Suite struct CommitLogPreallocationTests {
    let logger = Logger(label: "test")

    func change(_ text: String) -> LogRecord.Change { .aliceMessage(text) }

    func fileSize(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
    }

    @Test func appendsLandInZerosWrittenAheadAndACleanCloseCutsThem() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("log").path
        let log = try CommitLog(path: path, logger: logger)
        try log.append(changes: [change("one")])
        try log.append(changes: [change("two")])
        let records = log.sizeInBytes
        // The first append wrote a stretch of zeros reaching a chunk past itself.
        #expect(try fileSize(path) > records + CommitLog.preallocationChunk / 2)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes[records...].allSatisfy { $0 == 0 })
        log.closeFile()
        #expect(try fileSize(path) == records)
    }

    /// A crash (the file closed without `closeFile`) leaves the zeros; nothing acknowledged is lost.
    @Test func aCrashLeavesZerosThatTheNextStartCuts() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("log").path
        var records = 0
        do {
            let log = try CommitLog(path: path, logger: logger)
            for index in 0..<5 { try log.append(changes: [change("m\(index)")]) }
            records = log.sizeInBytes
        }
        let crashedSize = try fileSize(path)
        #expect(crashedSize > records)
        let reopened = try CommitLog(path: path, logger: logger)
        #expect(reopened.recovered.flatMap(\.changes) == (0..<5).map { change("m\($0)") })
        #expect(reopened.droppedTailBytes == crashedSize - records)
        #expect(try fileSize(path) == records)
        try reopened.append(changes: [change("after")])
        reopened.closeFile()
        let again = try CommitLog(path: path, logger: logger)
        #expect(again.recovered.flatMap(\.changes) == (0..<5).map { change("m\($0)") } + [change("after")])
        #expect(again.droppedTailBytes == 0)
    }

    /// Past the zeros written ahead, the next append writes another stretch; records stay contiguous.
    @Test func recordsPastTheFirstStretchStayIntact() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("log").path
        let big = String(repeating: "x", count: 100_000)
        do {
            let log = try CommitLog(path: path, logger: logger)
            // 25 records of ~100 kB: more than two stretches of zeros.
            for index in 0..<25 { try log.appendUnsynced(changes: [change("\(index) \(big)")]) }
            try log.sync()
        }
        let reopened = try CommitLog(path: path, logger: logger)
        #expect(reopened.recovered.count == 25)
        #expect(reopened.recovered.flatMap(\.changes) == (0..<25).map { change("\($0) \(big)") })
        reopened.closeFile()
    }
}
