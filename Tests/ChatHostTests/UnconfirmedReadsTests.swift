import Foundation
import QuickstartChat
import SpacetimeDB
import Testing

@testable import ChatHost

/// `confirmed=false` (SpacetimeDB's unconfirmed reads): such a client hears of a transaction as soon
/// as it is written and applied, while its `fdatasync` is still running; every other client (the
/// default, `confirmed=true`) only once it is durable. The sync is held by a ``BackgroundSyncTests/SyncGate``.
@Suite struct UnconfirmedReadsTests {
    typealias SyncGate = BackgroundSyncTests.SyncGate

    func subscribeV2(_ client: TestWebSocketClient) async throws {
        try await client.sendV2(
            .subscribe(V2.Subscribe(requestId: 1, querySetId: QuerySetId(1), queryStrings: ["SELECT * FROM message"])))
        guard case .subscribeApplied = try await client.nextV2Messages().first else {
            throw TestSocketError.malformed("expected SubscribeApplied")
        }
    }

    /// The message texts a v2 `TransactionUpdate` inserts.
    func insertedTexts(_ update: V2.TransactionUpdate) throws -> [String] {
        var texts: [String] = []
        for set in update.querySets {
            for table in set.tables {
                for case .persistentTable(let rows) in table.rows { texts += try rows.inserts.decodeRows(as: Message.self).map(\.text) }
            }
        }
        return texts
    }

    /// The next v2 `TransactionUpdate`'s inserted texts (other messages are skipped).
    func nextUpdateTexts(_ client: TestWebSocketClient) async throws -> [String] {
        while true {
            for case .transactionUpdate(let update) in try await client.nextV2Messages() { return try insertedTexts(update) }
        }
    }

    @Test func unconfirmedSubscribersHearBeforeTheSyncAndConfirmedOnesAfter() async throws {
        let fixture = try await HostFixture.start()
        let (sender, _) = try await fixture.connectV2()
        let (confirmed, _) = try await fixture.connectV2()
        let (unconfirmed, _) = try await fixture.connectV2(query: "compression=None&confirmed=false")
        let (unconfirmedV1, _) = try await fixture.connectV1(query: "compression=None&confirmed=false")
        for client in [confirmed, unconfirmed] { try await subscribeV2(client) }
        try await unconfirmedV1.sendV1(
            .subscribeMulti(V1.SubscribeMulti(queryStrings: ["SELECT * FROM message"], requestId: 1, queryId: QueryId(1))))
        guard case .subscribeMultiApplied = try await unconfirmedV1.nextV1() else {
            throw TestSocketError.malformed("expected SubscribeMultiApplied")
        }
        let gate = SyncGate()
        await fixture.host.engine.replaceSyncPerformer { gate.perform($0) }

        try await sender.sendMessageV2("early", requestId: 2)
        #expect(await gate.waitUntilEntered())
        // The sync is held: only the clients that asked for unconfirmed reads have it.
        #expect(try await nextUpdateTexts(unconfirmed) == ["early"])
        let v1Update = try await unconfirmedV1.nextV1TransactionUpdate()
        #expect(try v1Update.status.committedUpdate?.rows(of: "message", as: Message.self).inserts.map(\.text) == ["early"])
        #expect(await confirmed.staysQuiet(for: 0.3))
        #expect(await sender.staysQuiet(for: 0.1), "the caller (confirmed) hears only once it is durable")

        gate.release.signal()
        #expect(try await nextUpdateTexts(confirmed) == ["early"])
        guard case .reducerResult(let result) = try await sender.nextV2Messages().first else {
            throw TestSocketError.malformed("expected the sender's ReducerResult")
        }
        #expect(result.requestId == 2)
        // Nothing twice: the unconfirmed clients got theirs already.
        #expect(await unconfirmed.staysQuiet(for: 0.3))
        #expect(await unconfirmedV1.staysQuiet(for: 0.1))
        for client in [sender, confirmed, unconfirmed, unconfirmedV1] { client.close() }
        await fixture.stop()
    }

    @Test func anUnconfirmedCallerHearsItsResultsInOrderBeforeTheSync() async throws {
        let fixture = try await HostFixture.start()
        let (caller, _) = try await fixture.connectV2(query: "compression=None&confirmed=false")
        let (watcher, _) = try await fixture.connectV2()
        try await subscribeV2(watcher)
        let gate = SyncGate()
        await fixture.host.engine.replaceSyncPerformer { gate.perform($0) }

        try await caller.sendMessageV2("first", requestId: 2)
        #expect(await gate.waitUntilEntered())
        try await caller.sendMessageV2("second", requestId: 3)  // written while the first sync runs
        try await caller.sendMessageV2("", requestId: 4)  // fails: empty text
        var results: [V2.ReducerResult] = []
        while results.count < 3 {
            for case .reducerResult(let result) in try await caller.nextV2Messages() { results.append(result) }
        }
        #expect(results.map(\.requestId) == [2, 3, 4])
        let outcomes = results.map { result -> String in
            switch result.result {
            case .ok: return "ok"
            case .okEmpty: return "okEmpty"
            case .err: return "err"
            case .internalError: return "internalError"
            }
        }
        #expect(outcomes == ["ok", "ok", "err"])
        #expect(await watcher.staysQuiet(for: 0.3), "a confirmed subscriber waits for the sync")

        gate.release.signal()
        #expect(try await nextUpdateTexts(watcher) == ["first"])
        #expect(try await nextUpdateTexts(watcher) == ["second"])
        caller.close()
        watcher.close()
        await fixture.stop()
    }

    @Test func anUnconfirmedCallerIsNotToldItsCallFailedWhenTheSyncIsLost() async throws {
        let directory = try TemporaryDirectory("chathost-unconfirmed")
        defer { directory.remove() }
        let fixture = try await HostFixture.start(directory: directory)
        let (caller, _) = try await fixture.connectV2(query: "compression=None&confirmed=false")
        let gate = SyncGate(failure: EIO)
        await fixture.host.engine.replaceSyncPerformer { gate.perform($0) }

        try await caller.sendMessageV2("doomed", requestId: 2)
        #expect(await gate.waitUntilEntered())
        guard case .reducerResult(let result) = try await caller.nextV2Messages().first, case .ok = result.result else {
            throw TestSocketError.malformed("expected an Ok ReducerResult before the sync")
        }
        gate.release.signal()
        // What it was told may be lost (it asked for that): the host stops serving, and the next frame
        // is the close, not a second answer to the call.
        let next = try await caller.nextFrame()
        #expect(next.opcode == 0x8)
        #expect(next.payload.prefix(2) == [0x03, 0xF3], "close code 1011")
        caller.close()
        await fixture.stop(removeData: false)

        let restarted = try await HostFixture.start(directory: directory)
        #expect(await restarted.host.tables().messages.isEmpty)
        await restarted.stop(removeData: false)
    }
}

extension V1.UpdateStatus {
    /// The update of a committed transaction, or nil.
    var committedUpdate: V1.DatabaseUpdate? {
        if case .committed(let update) = self { return update }
        return nil
    }
}
