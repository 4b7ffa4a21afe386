import ChatHost
import QuickstartChat
import SpacetimeDB
import Testing

/// Fan-out builds each update once per group of clients with the same query sets and shares its bytes:
/// equal subscribers get byte-identical frames, a client whose subscriptions change moves to the group
/// of its new queries, and nobody gets another group's update.
@Suite struct SharedDeliveryTests {
    func subscribe(_ client: TestWebSocketClient, requestId: UInt32, set: UInt32, query: String) async throws {
        try await client.sendV2(.subscribe(V2.Subscribe(requestId: requestId, querySetId: QuerySetId(set), queryStrings: [query])))
        guard case .subscribeApplied = try await client.nextV2Messages().first else {
            throw TestSocketError.malformed("expected SubscribeApplied")
        }
    }

    func send(_ text: String, from sender: TestWebSocketClient, requestId: UInt32) async throws {
        try await sender.sendV2(
            .callReducer(V2.CallReducer(requestId: requestId, flags: 0, reducer: "send_message", args: SendMessageArgs(text: text).bsatnBytes())))
        guard case .reducerResult(let result) = try await sender.nextV2Messages().first, result.requestId == requestId else {
            throw TestSocketError.malformed("expected the ReducerResult of \(requestId)")
        }
    }

    /// The texts and query set ids of one `TransactionUpdate` frame.
    func update(in frame: [UInt8]) throws -> (sets: [UInt32], texts: [String]) {
        let (_, payload) = try ServerFrameCodec.decode(frame)
        guard case .transactionUpdate(let update) = try V3.decodeServerMessages(payload).first else {
            throw TestSocketError.malformed("expected TransactionUpdate")
        }
        var texts: [String] = []
        for set in update.querySets {
            for table in set.tables {
                for case .persistentTable(let rows) in table.rows { texts += try rows.inserts.decodeRows(as: Message.self).map(\.text) }
            }
        }
        return (update.querySets.map(\.querySetId.id), texts)
    }

    @Test func equalSubscribersShareBytesAndAChangedSubscriptionMovesGroups() async throws {
        let fixture = try await HostFixture.start()
        let (sender, _) = try await fixture.connectV2()
        let (first, _) = try await fixture.connectV2()
        let (second, _) = try await fixture.connectV2(protocols: ["v3.bsatn.spacetimedb"])
        let (filtered, _) = try await fixture.connectV2()
        try await subscribe(first, requestId: 1, set: 1, query: "SELECT * FROM message")
        try await subscribe(second, requestId: 1, set: 1, query: "SELECT * FROM message")
        try await subscribe(filtered, requestId: 1, set: 1, query: "SELECT * FROM message WHERE text = 'for filtered'")

        try await send("hello", from: sender, requestId: 1)
        let firstFrame = try await first.nextBinary()
        let secondFrame = try await second.nextBinary()
        #expect(firstFrame == secondFrame, "v2 and a lone v3 message have the same frame")
        #expect(try update(in: firstFrame).texts == ["hello"])
        #expect(await filtered.staysQuiet(for: 0.3))

        // `second` now wants what `filtered` wants, under another query set id.
        try await second.sendV2(.unsubscribe(V2.Unsubscribe(requestId: 2, querySetId: QuerySetId(1), flags: .default)))
        guard case .unsubscribeApplied = try await second.nextV2Messages().first else {
            throw TestSocketError.malformed("expected UnsubscribeApplied")
        }
        try await subscribe(second, requestId: 3, set: 2, query: "SELECT * FROM message WHERE text = 'for filtered'")

        try await send("for filtered", from: sender, requestId: 2)
        #expect(try update(in: try await first.nextBinary()) == ([1], ["for filtered"]))
        #expect(try update(in: try await second.nextBinary()) == ([2], ["for filtered"]))
        #expect(try update(in: try await filtered.nextBinary()) == ([1], ["for filtered"]))

        try await send("again", from: sender, requestId: 3)
        #expect(try update(in: try await first.nextBinary()).texts == ["again"])
        #expect(await second.staysQuiet(for: 0.3))
        #expect(await filtered.staysQuiet(for: 0.3))
        for client in [sender, first, second, filtered] { client.close() }
        await fixture.stop()
    }
}
