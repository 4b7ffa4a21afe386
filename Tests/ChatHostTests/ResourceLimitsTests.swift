import ChatHost
import Foundation
import QuickstartChat
import SpacetimeDB
import Testing

/// Issue 9 items 4–7 and 10: one local user must not take the host down for others.
@Suite struct ResourceLimitsTests {
    /// Item 4: pongs count against the outbound budget, so a client that pings and never reads is dropped.
    @Test func pingFloodWithoutReadingIsDropped() async throws {
        let fixture = try await HostFixture.start { $0.maxPendingOutboundBytes = 64 * 1024 }
        let client = try await fixture.connect()
        let ping = ProtocolStrictnessTests.rawFrame(firstByte: 0x89, payload: [UInt8](repeating: 0x55, count: 125))
        let batch = Array([[UInt8]](repeating: ping, count: 1000).joined())
        // Up to 40 MB of pings: far beyond the kernel's socket buffers plus the 64 KiB budget.
        var dropped = false
        for _ in 0..<300 where !dropped {
            do {
                try await client.socket.write(batch)
            } catch {
                dropped = true
            }
        }
        if !dropped { dropped = await client.socket.waitForClose(timeout: 20) }
        #expect(dropped, "the host kept answering pings nobody read")
        client.close()
        // The host still serves others.
        let (other, _) = try await fixture.connectV1()
        try await other.callV1("send_message", SendMessageArgs(text: "still here"), requestId: 1)
        #expect(try await other.nextV1TransactionUpdate().reducerCall.requestId == 1)
        other.close()
        await fixture.stop()
    }

    /// Item 7: after the queued-message limit overflows, nothing more from that connection is committed.
    ///
    /// The gap needs the engine to free queue slots while the same read burst is still being handed
    /// over, so the commits are made cheap (a data directory on tmpfs when there is one) and the flood
    /// large enough that NIO's reads have grown to whole 64 KiB buffers when the queue overflows.
    @Test func overflowCommitsAGaplessPrefix() async throws {
        let shm = URL(fileURLWithPath: "/dev/shm")
        let base = FileManager.default.isWritableFile(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
        let directory = try TemporaryDirectory("chathost-overflow", in: base)
        let fixture = try await HostFixture.start(directory: directory) { $0.maxQueuedIncomingMessages = 512 }
        let (client, _) = try await fixture.connectV1()
        let count = 20_000
        var frames: [UInt8] = []
        for index in 0..<count {
            let call = V1.ClientMessage.callReducer(
                V1.CallReducer(
                    reducer: "send_message", args: SendMessageArgs(text: "\(index)").bsatnBytes(), requestId: UInt32(index),
                    flags: .noSuccessNotify))
            let payload = call.bsatnBytes()
            frames += [0x82, 0x80 | UInt8(payload.count), 0, 0, 0, 0]  // a zero mask leaves the payload as it is
            frames += payload
        }
        try? await client.socket.write(frames)
        #expect(try await client.nextClose(timeout: 30).code == 1013)
        #expect(await client.socket.waitForClose(timeout: 30))
        client.close()
        // Let the engine finish what it had queued: a fresh client's round trip comes after it.
        let (probe, _) = try await fixture.connectV1()
        try await probe.callV1("send_message", SendMessageArgs(text: "probe"), requestId: 1)
        _ = try await probe.nextV1TransactionUpdate()
        probe.close()
        let committed = await fixture.host.tables().messages.map(\.text).filter { $0 != "probe" }.compactMap(Int.init)
        #expect(committed.count < count)
        // The first position where the committed numbers stop being 0, 1, 2, …
        let gap = committed.indices.first { committed[$0] != $0 }
        #expect(gap == nil, "a gap: after \(gap ?? 0) messages in order, \(gap.map { committed[$0] } ?? 0) was committed")
        await fixture.stop()
    }

    /// Item 6: a query text over the cap is refused without parsing it; the connection stays usable.
    @Test func overlongQueryTextIsRefused() async throws {
        let fixture = try await HostFixture.start()
        let (client, _) = try await fixture.connectV1()
        let long = "SELECT * FROM message WHERE text = '" + String(repeating: "x", count: 100_000) + "'"
        try await client.sendV1(.subscribeMulti(V1.SubscribeMulti(queryStrings: [long], requestId: 1, queryId: QueryId(1))))
        guard case .subscriptionError(let error) = try await client.nextV1() else {
            throw TestSocketError.malformed("expected SubscriptionError")
        }
        #expect(error.error.contains("the limit is 65536"))
        #expect(error.error.count < 1000)
        try await client.sendV1(.oneOffQuery(V1.OneOffQuery(messageId: [2], queryString: long)))
        guard case .oneOffQueryResponse(let response) = try await client.nextV1() else {
            throw TestSocketError.malformed("expected OneOffQueryResponse")
        }
        #expect(response.error?.contains("the limit is 65536") == true)
        try await client.callV1("send_message", SendMessageArgs(text: "fine"), requestId: 3)
        #expect(try await client.nextV1TransactionUpdate().reducerCall.requestId == 3)
        client.close()
        await fixture.stop()
    }

    /// Item 10: HEAD answers as GET, headers only.
    @Test(arguments: ["/v1/ping", "/v1/identity/public-key"])
    func headAnswersLikeGetWithoutABody(_ path: String) async throws {
        let fixture = try await HostFixture.start()
        let get = try await TestHTTPResponse.request(port: fixture.port, method: "GET", path: path)
        let socket = try await TestSocket.connect(port: fixture.port)
        try await socket.write(Array("HEAD \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
        let raw = try await socket.readToEnd()
        socket.close()
        let text = String(decoding: raw, as: UTF8.self)
        let head = try TestHTTPResponse.parseHead(raw)
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == "\(get.body.count)")
        #expect(text.hasSuffix("\r\n\r\n"), "HEAD got a body: \(text)")
        await fixture.stop()
    }
}
