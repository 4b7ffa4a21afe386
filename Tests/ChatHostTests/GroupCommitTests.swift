import Foundation
import QuickstartChat
import SpacetimeDB
import Testing

@testable import ChatHost

/// Group commit in one host process: transactions that reach the engine together share one fsync,
/// and their results still go out in commit order, each only after that sync.
@Suite struct GroupCommitTests {
    @Test func callsArrivingTogetherShareOneSyncAndAnswerInOrder() async throws {
        let fixture = try await HostFixture.start()
        let (client, _) = try await fixture.connectV2(protocols: ["v3.bsatn.spacetimedb"])
        let before = await fixture.host.commitLogSyncCount()
        // One v3 frame: the engine handles all five calls in one go, before the queued sync runs.
        let requestIds: [UInt32] = [2, 3, 4, 5, 6]
        let batch = requestIds.map { id in
            V2.ClientMessage.callReducer(
                V2.CallReducer(requestId: id, flags: 0, reducer: "send_message", args: SendMessageArgs(text: "m\(id)").bsatnBytes()))
        }
        try await client.sendBinary(V3.encodeClientFrame(batch))
        var results: [V2.ReducerResult] = []
        while results.count < requestIds.count {
            for case .reducerResult(let result) in try await client.nextV2Messages() { results.append(result) }
        }
        let after = await fixture.host.commitLogSyncCount()
        #expect(results.map(\.requestId) == requestIds)
        #expect(results.allSatisfy { if case .ok = $0.result { true } else { false } })
        #expect(after - before == 1)
        #expect(await fixture.host.tables().messages.map(\.text) == requestIds.map { "m\($0)" })
        client.close()
        await fixture.stop()
    }

    /// A sync's results leave in one batch per event loop (``DeliveryBatch``): a failed call between
    /// two committed ones still answers between them, and the failure's subscriber sees only the commits.
    @Test func aFailureBetweenCommitsOfOneSyncAnswersInItsPlace() async throws {
        let fixture = try await HostFixture.start()
        let (client, _) = try await fixture.connectV2(protocols: ["v3.bsatn.spacetimedb"])
        let (watcher, _) = try await fixture.connectV2()
        try await watcher.sendV2(
            .subscribe(V2.Subscribe(requestId: 1, querySetId: QuerySetId(1), queryStrings: ["SELECT * FROM message"])))
        guard case .subscribeApplied = try await watcher.nextV2Messages().first else {
            throw TestSocketError.malformed("expected SubscribeApplied")
        }
        let texts = ["first", "", "third", "", "fifth"]
        let batch = texts.enumerated().map { index, text in
            V2.ClientMessage.callReducer(
                V2.CallReducer(
                    requestId: UInt32(10 + index), flags: 0, reducer: "send_message",
                    args: SendMessageArgs(text: text).bsatnBytes()))
        }
        try await client.sendBinary(V3.encodeClientFrame(batch))
        var results: [V2.ReducerResult] = []
        while results.count < texts.count {
            for case .reducerResult(let result) in try await client.nextV2Messages() { results.append(result) }
        }
        #expect(results.map(\.requestId) == [10, 11, 12, 13, 14])
        #expect(results.map { if case .ok = $0.result { true } else { false } } == [true, false, true, false, true])
        var seen = 0
        while seen < 3 {
            for message in try await watcher.nextV2Messages() {
                if case .transactionUpdate = message { seen += 1 }
            }
        }
        #expect(seen == 3)
        #expect(await watcher.staysQuiet(for: 0.3))
        #expect(await fixture.host.tables().messages.map(\.text) == ["first", "third", "fifth"])
        client.close()
        watcher.close()
        await fixture.stop()
    }
}
