import Foundation
import Logging
import QuickstartChat
import SpacetimeDB
import Testing

@testable import ChatHost

@Suite struct CommitLogTests {
    let logger = Logger(label: "test")

    func change(_ text: String) -> LogRecord.Change { .aliceMessage(text) }

    @Test func appendedRecordsSurviveReopen() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("log").path
        do {
            let log = try CommitLog(path: path, logger: logger)
            try log.append(changes: [change("one")])
            try log.append(changes: [change("two"), change("three")])
            log.closeFile()
        }
        let reopened = try CommitLog(path: path, logger: logger)
        #expect(reopened.recovered.map(\.offset) == [0, 1])
        #expect(reopened.recovered.flatMap(\.changes) == [change("one"), change("two"), change("three")])
        #expect(reopened.nextOffset == 2)
        #expect(reopened.droppedTailBytes == 0)
    }

    /// Cutting the file anywhere inside the last record, or flipping a byte of it, loses only that record.
    @Test(arguments: [1, 4, 7, 8, 9, 20])
    func tornTailIsDroppedNotFatal(cut: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("log").path
        var sizeAfterFirst = 0
        do {
            let log = try CommitLog(path: path, logger: logger)
            try log.append(changes: [change("kept")])
            sizeAfterFirst = log.sizeInBytes
            try log.append(changes: [change("torn away")])
            log.closeFile()
        }
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.truncate(atOffset: UInt64(sizeAfterFirst + cut))
        try handle.close()
        let reopened = try CommitLog(path: path, logger: logger)
        #expect(reopened.recovered.flatMap(\.changes) == [change("kept")])
        #expect(reopened.droppedTailBytes == cut)
        try reopened.append(changes: [change("after")])
        reopened.closeFile()
        let again = try CommitLog(path: path, logger: logger)
        #expect(again.recovered.flatMap(\.changes) == [change("kept"), change("after")])
    }

    @Test func corruptChecksumOfTheLastRecordIsATornTail() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("log").path
        var sizeAfterFirst = 0
        do {
            let log = try CommitLog(path: path, logger: logger)
            try log.append(changes: [change("kept")])
            sizeAfterFirst = log.sizeInBytes
            try log.append(changes: [change("corrupted")])
            log.closeFile()
        }
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[sizeAfterFirst + 12] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reopened = try CommitLog(path: path, logger: logger)
        #expect(reopened.recovered.flatMap(\.changes) == [change("kept")])
        #expect(reopened.droppedTailBytes > 0)
    }

    /// Writes ten records and returns the file's path and bytes.
    func writeTenRecords(in directory: TemporaryDirectory) throws -> (String, [UInt8]) {
        let path = directory.url.appendingPathComponent("log").path
        let log = try CommitLog(path: path, logger: logger)
        for index in 0..<10 { try log.append(changes: [change("m\(index)")]) }
        log.closeFile()
        return (path, try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// Issue 9 item 1: a damaged header used to start an empty log and rewrite the file as 8 bytes.
    @Test func damagedHeaderRefusesAndLeavesTheFileAsItIs() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (path, original) = try writeTenRecords(in: directory)
        var damaged = original
        damaged.replaceSubrange(0..<8, with: Array("XXXXXXXX".utf8))
        try Data(damaged).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try CommitLog(path: path, logger: logger)
        } throws: { error in
            guard case .corruptLog(let errorPath, 0, _, 10) = error as? HostError else { return false }
            return errorPath == path && "\(error)".contains("--recover")
        }
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == damaged)
    }

    /// Issue 9 item 2: damage in the middle used to be cut off as a torn tail with every record after it.
    @Test func midFileDamageRefusesAndLeavesTheFileAsItIs() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (path, original) = try writeTenRecords(in: directory)
        let damaged = flipByte(of: original, at: original.count / 2)
        try Data(damaged).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try CommitLog(path: path, logger: logger)
        } throws: { error in
            guard case .corruptLog(_, let offset, let reason, let intact) = error as? HostError else { return false }
            return offset > 8 && offset <= original.count / 2 && intact < 10 && reason.contains("not a torn tail")
        }
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))) == damaged)
    }

    @Test func recoverKeepsACopyAndTheIntactPrefix() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (path, original) = try writeTenRecords(in: directory)
        let damaged = flipByte(of: original, at: original.count / 2)
        try Data(damaged).write(to: URL(fileURLWithPath: path))
        var intact = 0
        do {
            _ = try CommitLog(path: path, logger: logger)
        } catch {
            guard case .corruptLog(_, _, _, let count) = error else { throw error }
            intact = count
        }
        let recovered = try CommitLog(path: path, logger: logger, recoverDamage: true)
        #expect(recovered.recovered.flatMap(\.changes) == (0..<intact).map { change("m\($0)") })
        let copy = try #require(recovered.setAsidePath)
        #expect(copy.hasPrefix(path + ".damaged-"))
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: copy))) == damaged)
        try recovered.append(changes: [change("after recovery")])
        recovered.closeFile()
        let reopened = try CommitLog(path: path, logger: logger)
        #expect(reopened.recovered.flatMap(\.changes).last == change("after recovery"))
        #expect(reopened.recovered.count == intact + 1)
    }

    func flipByte(of bytes: [UInt8], at index: Int) -> [UInt8] {
        var copy = bytes
        copy[index] ^= 0xFF
        return copy
    }

    @Test func partialHeaderStartsFresh() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("log").path
        try Data("STCH".utf8).write(to: URL(fileURLWithPath: path))
        let log = try CommitLog(path: path, logger: logger)
        #expect(log.recovered.isEmpty)
        try log.append(changes: [change("first")])
        log.closeFile()
        #expect(try CommitLog(path: path, logger: logger).recovered.count == 1)
    }

    @Test func compactionKeepsTheState() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("log").path
        let log = try CommitLog(path: path, logger: logger)
        for index in 0..<10 { try log.append(changes: [change("m\(index)")]) }
        try log.compact(into: [change("snapshot")])
        try log.append(changes: [change("later")])
        log.closeFile()
        let reopened = try CommitLog(path: path, logger: logger)
        #expect(reopened.recovered.flatMap(\.changes) == [change("snapshot"), change("later")])
    }

    @Test func secondLockOnTheSameDirectoryFails() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let lock = try DataDirectoryLock(directory: directory.path)
        #expect {
            _ = try DataDirectoryLock(directory: directory.path)
        } throws: { error in
            guard case .dataDirectoryLocked(_, let holder) = error as? HostError else { return false }
            return holder == "pid \(getpid())"
        }
        lock.release()
        let again = try DataDirectoryLock(directory: directory.path)
        again.release()
    }
}
