import ChatHost
import Foundation
import QuickstartChat
import SpacetimeDB
import Testing

/// Issue 9 items 1–3 as a user meets them: acknowledged messages, a stopped host, a damaged log, a restart.
@Suite struct DamagedLogTests {
    /// Starts a host, has one client send `count` acknowledged messages, stops the host.
    static func seed(_ directory: TemporaryDirectory, count: Int) async throws -> [String] {
        let host = try await HostFixture.start(directory: directory)
        let (client, _) = try await host.connectV1()
        var acknowledged: [String] = []
        for index in 0..<count {
            let text = "acknowledged \(index)"
            try await client.callV1("send_message", SendMessageArgs(text: text), requestId: UInt32(index))
            if case .committed = try await client.nextV1TransactionUpdate().status { acknowledged.append(text) }
        }
        client.close()
        await host.stop(removeData: false)
        return acknowledged
    }

    static func logURL(_ directory: TemporaryDirectory) -> URL { directory.url.appendingPathComponent("commitlog.stchl") }

    static func startRefused(_ directory: TemporaryDirectory) async -> HostError? {
        do {
            let host = try await HostFixture.start(directory: directory)
            await host.stop(removeData: false)
            return nil
        } catch {
            return error as? HostError
        }
    }

    static func startRecovering(_ directory: TemporaryDirectory) async throws -> ChatTables {
        let host = try await HostFixture.start(directory: directory) { $0.recoverDamagedLog = true }
        let tables = await host.host.tables()
        await host.stop(removeData: false)
        return tables
    }

    static func damagedCopies(_ directory: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("commitlog.stchl.damaged-") }
    }

    @Test func overwrittenMagicRefusesTheStartAndRecoverKeepsEveryMessage() async throws {
        let directory = try TemporaryDirectory("chathost-damaged")
        defer { directory.remove() }
        let acknowledged = try await Self.seed(directory, count: 30)
        var bytes = try [UInt8](Data(contentsOf: Self.logURL(directory)))
        bytes.replaceSubrange(0..<8, with: [UInt8](repeating: 0x41, count: 8))
        try Data(bytes).write(to: Self.logURL(directory))

        let refusal = await Self.startRefused(directory)
        guard case .corruptLog(_, 0, _, _)? = refusal else {
            Issue.record("expected a refusal at byte 0, got \(String(describing: refusal))")
            return
        }
        #expect(try [UInt8](Data(contentsOf: Self.logURL(directory))) == bytes, "the damaged file was rewritten")
        // Refusing again gives the same answer: nothing was changed by the first attempt.
        #expect(await Self.startRefused(directory) == refusal)

        let tables = try await Self.startRecovering(directory)
        #expect(tables.messages.map(\.text) == acknowledged)
        #expect(try Self.damagedCopies(directory).count == 1)
    }

    @Test func flippedByteMidFileRefusesTheStartAndRecoverKeepsThePrefix() async throws {
        let directory = try TemporaryDirectory("chathost-damaged")
        defer { directory.remove() }
        let acknowledged = try await Self.seed(directory, count: 30)
        var bytes = try [UInt8](Data(contentsOf: Self.logURL(directory)))
        bytes[bytes.count / 2] ^= 0x01
        try Data(bytes).write(to: Self.logURL(directory))

        let refusal = await Self.startRefused(directory)
        guard case .corruptLog(_, let offset, _, _)? = refusal else {
            Issue.record("expected a refusal, got \(String(describing: refusal))")
            return
        }
        #expect(offset > 8 && offset <= bytes.count / 2)
        #expect(refusal.map { "\($0)" }?.contains("byte \(offset)") == true)
        #expect(try [UInt8](Data(contentsOf: Self.logURL(directory))) == bytes, "the damaged file was cut")

        let tables = try await Self.startRecovering(directory)
        let kept = tables.messages.map(\.text)
        #expect(!kept.isEmpty && kept.count < acknowledged.count)
        #expect(kept == Array(acknowledged.prefix(kept.count)))
        #expect(try Self.damagedCopies(directory).count == 1)
    }

    /// The same through the executable: `serve` exits 2 with the error, `serve --recover` starts.
    @Test(.enabled(if: CrashDurabilityTests.serverExecutable != nil, "needs the spacetime-chat executable"))
    func serveRefusesThenRecovers() async throws {
        let executable = try #require(CrashDurabilityTests.serverExecutable)
        let directory = try TemporaryDirectory("chathost-damaged")
        defer { directory.remove() }
        let acknowledged = try await Self.seed(directory, count: 5)
        var bytes = try [UInt8](Data(contentsOf: Self.logURL(directory)))
        bytes.replaceSubrange(0..<8, with: [UInt8](repeating: 0, count: 8))
        try Data(bytes).write(to: Self.logURL(directory))
        do {
            let host = try await ServeProcess.start(executable: executable, dataDirectory: directory.path, port: 0)
            await host.stop()
            Issue.record("serve started on a damaged log")
        } catch ServeProcessError.exited(let status, let log) {
            #expect(status == 2)
            #expect(log.contains("is damaged at byte 0") && log.contains("serve --recover"), "\(log)")
        }
        let host = try await ServeProcess.start(
            executable: executable, dataDirectory: directory.path, port: 0, extraArguments: ["--recover"])
        await host.stop()
        let tables = try await Self.startRecovering(directory)
        #expect(tables.messages.map(\.text) == acknowledged)
        #expect(try Self.damagedCopies(directory).count == 1)
    }

    /// Item 3: an intact record that cannot be replayed is a clear refusal, not a silent loss.
    @Test func intactButUnreplayableRecordRefusesTheStart() async throws {
        let directory = try TemporaryDirectory("chathost-damaged")
        defer { directory.remove() }
        let acknowledged = try await Self.seed(directory, count: 3)
        let handle = try FileHandle(forWritingTo: Self.logURL(directory))
        try handle.seekToEnd()
        try handle.write(contentsOf: Self.unreplayableFrame)
        try handle.close()

        let refusal = await Self.startRefused(directory)
        guard case .corruptLog(_, _, let reason, let intact)? = refusal else {
            Issue.record("expected a refusal, got \(String(describing: refusal))")
            return
        }
        #expect(reason.contains("cannot be applied"))
        let tables = try await Self.startRecovering(directory)
        #expect(tables.messages.map(\.text) == acknowledged)
        #expect(intact >= 1)
    }
}

extension DamagedLogTests {
    /// A record with a valid checksum whose row the tables cannot read.
    static var unreplayableFrame: [UInt8] {
        let bogus = LogRecord(offset: 1000, changes: [LogRecord.Change(table: "message", isInsert: true, row: [1, 2, 3])])
        let payload = bogus.bsatnBytes()
        var frame = BSATNWriter()
        frame.write(UInt32(payload.count))
        frame.write(CRC32CForTests.checksum(payload))
        frame.writeRaw(payload)
        return frame.bytes
    }

    /// A start that meets an unreplayable record refuses before it touches the file: the torn tail
    /// after that record is still there, byte for byte (it used to be cut first, then the start refused).
    @Test func unreplayableRecordBeforeATornTailRefusesWithTheFileUntouched() async throws {
        let directory = try TemporaryDirectory("chathost-damaged")
        defer { directory.remove() }
        let acknowledged = try await Self.seed(directory, count: 3)
        let torn = Array(Self.unreplayableFrame.prefix(10))
        let handle = try FileHandle(forWritingTo: Self.logURL(directory))
        try handle.seekToEnd()
        try handle.write(contentsOf: Self.unreplayableFrame + torn)
        try handle.close()
        let before = try [UInt8](Data(contentsOf: Self.logURL(directory)))

        let refusal = await Self.startRefused(directory)
        #expect(try [UInt8](Data(contentsOf: Self.logURL(directory))) == before, "a refused start rewrote the log")
        guard case .corruptLog(_, _, let reason, _)? = refusal else {
            Issue.record("expected a refusal, got \(String(describing: refusal))")
            return
        }
        #expect(reason.contains("cannot be applied"))
        let tables = try await Self.startRecovering(directory)
        #expect(tables.messages.map(\.text) == acknowledged)
    }
}

/// CRC-32C (Castagnoli), written out here so the test does not lean on the host's own implementation.
enum CRC32CForTests {
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
