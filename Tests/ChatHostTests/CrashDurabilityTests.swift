import ChatHost
import Foundation
import QuickstartChat
import SpacetimeDB
import Testing

/// Runs `spacetime-chat serve` as a child process, kills it with SIGKILL, and checks that every
/// acknowledged transaction survives.
@Suite struct CrashDurabilityTests {
    /// The `spacetime-chat` executable next to the test bundle (built by `swift build --build-tests`).
    static var serverExecutable: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("spacetime-chat")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    @Test(.enabled(if: serverExecutable != nil, "needs the spacetime-chat executable"))
    func killNineLosesNoAcknowledgedMessage() async throws {
        let executable = try #require(CrashDurabilityTests.serverExecutable)
        let directory = try TemporaryDirectory("chathost-crash")
        defer { directory.remove() }
        let serve = try await ServeProcess.start(executable: executable, dataDirectory: directory.path, port: 0)
        let sent: (acknowledged: [String], identity: Identity)
        do {
            sent = try await Self.sendThenKill(serve)
        } catch {
            await serve.killNine()
            throw error
        }
        let (acknowledged, identity) = sent

        let restarted = try await HostFixture.start(directory: directory)
        let tables = await restarted.host.tables()
        await restarted.stop(removeData: false)
        #expect(acknowledged.count == 20)
        #expect(Array(tables.messages.map(\.text).prefix(20)) == acknowledged)
        #expect(tables.messages.allSatisfy { $0.sender == identity })
        #expect(tables.users[identity]?.online == false)
    }

    /// Sends 20 acknowledged messages and one more, then kills the host while that one is in flight.
    static func sendThenKill(_ serve: ServeProcess) async throws -> (acknowledged: [String], identity: Identity) {
        let port = serve.port
        let (response, maybeClient) = try await TestWebSocketClient.connect(
            port: port, path: "/v1/database/quickstart-chat/subscribe?compression=None", protocols: ["v1.bsatn.spacetimedb"])
        let client = try #require(maybeClient, "upgrade refused: \(response.status)")
        guard case .identityToken(let token) = try await client.nextV1() else {
            throw TestSocketError.malformed("IdentityToken")
        }
        var acknowledged: [String] = []
        for index in 0..<20 {
            let text = "durable \(index)"
            try await client.callV1("send_message", SendMessageArgs(text: text), requestId: UInt32(index))
            let update = try await client.nextV1TransactionUpdate()
            if case .committed = update.status { acknowledged.append(text) }
        }
        // One more call whose answer we never wait for: it may or may not survive, but must not corrupt.
        try await client.callV1("send_message", SendMessageArgs(text: "in flight"), requestId: 99)
        await serve.killNine()
        client.close()
        return (acknowledged, token.identity)
    }
}
