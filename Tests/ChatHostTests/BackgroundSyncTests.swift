import Dispatch
import Foundation
import QuickstartChat
import SpacetimeDB
import Synchronization
import Testing

@testable import ChatHost

/// The commit log's `fdatasync` runs on the sync thread: while one is in flight the engine goes on
/// handling frames and writing their records, acknowledges nothing before its sync returned, and
/// answers in commit order; a failed sync loses its transactions and every one written after it.
@Suite struct BackgroundSyncTests {
    /// Holds the first background sync until released, then runs it (or fails it with `failure`).
    final class SyncGate: Sendable {
        let entered = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let failure: Int32?
        private let calls = Mutex(0)

        init(failure: Int32? = nil) { self.failure = failure }

        func perform(_ request: SyncRequest) -> Int32 {
            let first = calls.withLock { count -> Bool in
                count += 1
                return count == 1
            }
            guard first else { return request.run() }
            entered.signal()
            // Bounded, so an engine that blocks on the sync (as it did before syncs ran in the background)
            // fails the test instead of hanging it; generously, since the test's own steps can wait
            // their turn for many seconds while every suite runs (at 5 s it let go early under load).
            _ = release.wait(timeout: .now() + 60)
            return failure ?? request.run()
        }

        /// Waits (off the cooperative pool) until the first sync is in flight.
        func waitUntilEntered() async -> Bool {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(returning: self.entered.wait(timeout: .now() + 10) == .success) }
            }
        }
    }

    /// Polls the engine until `text` is applied (the engine must be free to answer while a sync runs).
    func waitUntilApplied(_ text: String, in fixture: HostFixture) async throws -> Bool {
        for _ in 0..<500 {
            if await fixture.host.tables().messages.contains(where: { $0.text == text }) { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    func results(_ count: Int, from client: TestWebSocketClient) async throws -> [V2.ReducerResult] {
        var results: [V2.ReducerResult] = []
        while results.count < count {
            for case .reducerResult(let result) in try await client.nextV2Messages() { results.append(result) }
        }
        return results
    }

    @Test func framesAreHandledWhileASyncIsInFlightAndAnsweredInCommitOrder() async throws {
        let fixture = try await HostFixture.start()
        let (client, _) = try await fixture.connectV2()
        let (watcher, _) = try await fixture.connectV2()
        try await watcher.sendV2(
            .subscribe(V2.Subscribe(requestId: 1, querySetId: QuerySetId(1), queryStrings: ["SELECT * FROM message"])))
        guard case .subscribeApplied = try await watcher.nextV2Messages().first else {
            throw TestSocketError.malformed("expected SubscribeApplied")
        }
        let gate = SyncGate()
        await fixture.host.engine.replaceSyncPerformer { gate.perform($0) }
        let syncsBefore = await fixture.host.commitLogSyncCount()

        try await client.sendMessageV2("first", requestId: 2)
        #expect(await gate.waitUntilEntered())
        try await client.sendMessageV2("second", requestId: 3)
        // The engine applied the second call while the first one's sync was still running.
        #expect(try await waitUntilApplied("second", in: fixture))
        #expect(await client.staysQuiet(for: 0.3))
        #expect(await watcher.staysQuiet(for: 0.1))

        gate.release.signal()
        let answered = try await results(2, from: client)
        #expect(answered.map(\.requestId) == [2, 3])
        #expect(answered.allSatisfy { if case .ok = $0.result { true } else { false } })
        var seen: [String] = []
        while seen.count < 2 {
            for case .transactionUpdate(let update) in try await watcher.nextV2Messages() {
                for set in update.querySets {
                    for table in set.tables {
                        for case .persistentTable(let rows) in table.rows {
                            seen += try rows.inserts.decodeRows(as: Message.self).map(\.text)
                        }
                    }
                }
            }
        }
        #expect(seen == ["first", "second"])
        // The second call was written during the first sync, so it needed a sync of its own.
        #expect(await fixture.host.commitLogSyncCount() - syncsBefore == 2)
        client.close()
        watcher.close()
        await fixture.stop()
    }

    @Test func aFailedSyncLosesItsTransactionsAndTheOnesWrittenDuringIt() async throws {
        let directory = try TemporaryDirectory("chathost-background-sync")
        defer { directory.remove() }
        let fixture = try await HostFixture.start(directory: directory)
        let (client, _) = try await fixture.connectV2()
        let gate = SyncGate(failure: EIO)
        await fixture.host.engine.replaceSyncPerformer { gate.perform($0) }

        try await client.sendMessageV2("first", requestId: 2)
        #expect(await gate.waitUntilEntered())
        try await client.sendMessageV2("second", requestId: 3)
        #expect(try await waitUntilApplied("second", in: fixture))
        gate.release.signal()
        let answered = try await results(2, from: client)
        #expect(answered.map(\.requestId) == [2, 3])
        #expect(answered.allSatisfy { if case .ok = $0.result { false } else { true } })
        #expect(try await client.nextClose().code == 1011)
        client.close()
        await fixture.stop(removeData: false)

        let restarted = try await HostFixture.start(directory: directory)
        #expect(await restarted.host.tables().messages.isEmpty)
        await restarted.stop(removeData: false)
    }
}

extension HostEngine {
    /// Replaces how background syncs run (see ``performSync``).
    func replaceSyncPerformer(_ perform: @escaping @Sendable (SyncRequest) -> Int32) {
        performSync = perform
    }
}
