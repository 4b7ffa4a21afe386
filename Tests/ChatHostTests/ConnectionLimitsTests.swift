import ChatHost
import Foundation
import QuickstartChat
import SpacetimeDB
import Testing

@Suite struct ConnectionLimitsTests {
    @Test func silentClientsArePingedThenDropped() async throws {
        let fixture = try await HostFixture.start { configuration in
            configuration.pingInterval = .milliseconds(50)
            configuration.idleTimeout = .milliseconds(200)
        }
        let client = try await fixture.connect()
        // Never answer: a ping arrives, and later the host closes the connection.
        var sawPing = false
        while !sawPing {
            sawPing = try await client.nextFrame().opcode == 0x9
        }
        #expect(await client.socket.waitForClose(timeout: 20))
        client.close()
        await fixture.stop()
    }

    @Test func oversizedMessagesCloseWith1009() async throws {
        let fixture = try await HostFixture.start { configuration in
            configuration.maxIncomingMessageBytes = 1024
        }
        let (client, _) = try await fixture.connectV1()
        try await client.sendBinary([UInt8](repeating: 0, count: 4096))
        #expect(try await client.nextClose().code == 1009)
        let (other, _) = try await fixture.connectV1()
        try await other.callV1("send_message", SendMessageArgs(text: "fine"), requestId: 1)
        #expect(try await other.nextV1TransactionUpdate().reducerCall.requestId == 1)
        client.close()
        other.close()
        await fixture.stop()
    }

    @Test func aSlowReaderIsDroppedWithoutStallingOthers() async throws {
        let fixture = try await HostFixture.start { configuration in
            configuration.maxPendingOutboundBytes = 256 * 1024
        }
        let subscribe = V1.ClientMessage.subscribeMulti(
            V1.SubscribeMulti(queryStrings: ["SELECT * FROM message"], requestId: 1, queryId: QueryId(1)))
        let (slow, _) = try await fixture.connectV1()
        try await slow.sendV1(subscribe)
        let (fast, _) = try await fixture.connectV1()
        try await fast.sendV1(subscribe)
        _ = try await fast.nextV1()
        let (sender, _) = try await fixture.connectV1()
        let text = String(repeating: "x", count: 60_000)
        // Far more than the kernel's socket buffers plus the 256 KiB budget; the slow client reads nothing.
        for index in 0..<400 {
            try await sender.callV1("send_message", SendMessageArgs(text: text), requestId: UInt32(index))
            _ = try await sender.nextV1TransactionUpdate()
            let seen = try await fast.nextV1TransactionUpdate()
            #expect(seen.reducerCall.requestId == UInt32(index))
        }
        #expect(await slow.socket.waitForClose(timeout: 30))
        slow.close()
        fast.close()
        sender.close()
        await fixture.stop()
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "needs openssl"))
    func servesTLSWhenGivenACertificate() async throws {
        let directory = try TemporaryDirectory("chathost-tls")
        defer { directory.remove() }
        let certificate = directory.url.appendingPathComponent("cert.pem").path
        let key = directory.url.appendingPathComponent("key.pem").path
        let generate = Process()
        generate.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        generate.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key,
            "-out", certificate, "-days", "1", "-subj", "/CN=localhost",
        ]
        generate.standardOutput = FileHandle.nullDevice
        generate.standardError = FileHandle.nullDevice
        try generate.run()
        generate.waitUntilExit()
        try #require(generate.terminationStatus == 0)
        let data = try TemporaryDirectory("chathost-tls-data")
        let fixture = try await HostFixture.start(directory: data) { configuration in
            configuration.tlsCertificatePath = certificate
            configuration.tlsKeyPath = key
        }
        #expect(fixture.host.url.hasPrefix("https://"))
        let client = Process()
        client.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        client.arguments = ["s_client", "-connect", "127.0.0.1:\(fixture.port)", "-quiet"]
        let input = Pipe()
        let output = Pipe()
        client.standardInput = input
        client.standardOutput = output
        client.standardError = FileHandle.nullDevice
        try client.run()
        input.fileHandleForWriting.write(Data("GET /v1/ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8))
        let response = try await TestSocket.blocking { output.fileHandleForReading.readDataToEndOfFile() }
        try input.fileHandleForWriting.close()
        client.waitUntilExit()
        await fixture.stop()
        #expect(String(decoding: response, as: UTF8.self).hasPrefix("HTTP/1.1 200 OK"))
    }
}
