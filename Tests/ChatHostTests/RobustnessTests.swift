import ChatHost
import QuickstartChat
import SpacetimeDB
import Testing

@Suite struct RobustnessTests {
    @Test func malformedFrameClosesOnlyThatClientWith1011() async throws {
        let fixture = try await HostFixture.start()
        let (good, _) = try await fixture.connectV1()
        let (bad, _) = try await fixture.connectV1()
        try await bad.sendBinary([0x63, 0x00, 0xFF])
        let close = try await bad.nextClose()
        #expect(close.code == 1011)
        #expect(close.reason.contains("unknown tag"))
        #expect(await bad.socket.waitForClose())
        // The host still serves the other client.
        try await good.callV1("send_message", SendMessageArgs(text: "still here"), requestId: 1)
        #expect(try await good.nextV1TransactionUpdate().reducerCall.requestId == 1)
        good.close()
        await fixture.stop()
    }

    @Test func truncatedV2MessageAndTextFramesClose() async throws {
        let fixture = try await HostFixture.start()
        let (truncated, _) = try await fixture.connectV2()
        try await truncated.sendBinary([3, 1, 0])
        #expect(try await truncated.nextClose().code == 1011)
        let (texter, _) = try await fixture.connectV2()
        try await texter.send(opcode: 0x1, payload: Array("{}".utf8))
        let close = try await texter.nextClose()
        #expect(close.code == 1011 && close.reason == "v2 websocket does not support text messages")
        let (stillFine, _) = try await fixture.connectV2()
        try await stillFine.sendV2(.oneOffQuery(V2.OneOffQuery(requestId: 1, queryString: "SELECT * FROM user")))
        guard case .oneOffQueryResult = try await stillFine.nextV2Messages().first else {
            throw TestSocketError.malformed("expected OneOffQueryResult")
        }
        truncated.close()
        texter.close()
        stillFine.close()
        await fixture.stop()
    }

    @Test func v3HandlesMessagesBeforeABadOneThenCloses() async throws {
        let fixture = try await HostFixture.start()
        let (client, _) = try await fixture.connectV2(protocols: ["v3.bsatn.spacetimedb"])
        let good = V2.ClientMessage.oneOffQuery(V2.OneOffQuery(requestId: 4, queryString: "SELECT * FROM user")).bsatnBytes()
        try await client.sendBinary(good + [0x42])
        guard case .oneOffQueryResult(let result) = try await client.nextV2Messages().first else {
            throw TestSocketError.malformed("expected OneOffQueryResult")
        }
        #expect(result.requestId == 4)
        #expect(try await client.nextClose().code == 1011)
        let (texter, _) = try await fixture.connectV2(protocols: ["v3.bsatn.spacetimedb"])
        try await texter.send(opcode: 0x1, payload: Array("hello".utf8))
        #expect(try await texter.nextClose().reason == "v3 websocket does not support text messages")
        let (empty, _) = try await fixture.connectV2(protocols: ["v3.bsatn.spacetimedb"])
        try await empty.sendBinary([])
        #expect(try await empty.nextClose().reason == "v3 websocket binary payload must contain at least one v2 client message")
        client.close()
        texter.close()
        empty.close()
        await fixture.stop()
    }

    @Test func pingsAreAnsweredAndInvalidUTF8IsRefused() async throws {
        let fixture = try await HostFixture.start()
        let (client, _) = try await fixture.connectV1()
        try await client.send(opcode: 0x9, payload: [1, 2, 3])
        var frame = try await client.nextFrame()
        while frame.opcode != 0xA { frame = try await client.nextFrame() }
        #expect(frame.payload == [1, 2, 3])
        // send_message with a string whose bytes are not UTF-8: a reducer argument error, not a crash.
        var args = BSATNWriter()
        args.writeByteArray([0xFF, 0xFE])
        try await client.sendV1(.callReducer(V1.CallReducer(reducer: "send_message", args: args.bytes, requestId: 3, flags: .fullUpdate)))
        guard case .failed(let text) = try await client.nextV1TransactionUpdate().status else {
            throw TestSocketError.malformed("expected failure")
        }
        #expect(text.hasPrefix("invalid arguments for reducer send_message"))
        client.close()
        await fixture.stop()
    }
}
