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
        let child = Process()
        child.executableURL = executable
        child.arguments = ["serve", "--port", "0", "--data-dir", directory.path]
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()
        defer { if child.isRunning { kill(child.processIdentifier, SIGKILL) } }

        let port = try await TestSocket.blocking { () throws -> Int in
            var collected = ""
            while true {
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { throw TestSocketError.closed }
                collected += String(decoding: data, as: UTF8.self)
                if let range = collected.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                    let digits = collected[range].split(separator: ":").last ?? ""
                    if let port = Int(digits) { return port }
                }
            }
        }

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
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        client.close()

        let restarted = try await HostFixture.start(directory: directory)
        let tables = await restarted.host.tables()
        await restarted.stop(removeData: false)
        #expect(acknowledged.count == 20)
        #expect(Array(tables.messages.map(\.text).prefix(20)) == acknowledged)
        #expect(tables.messages.allSatisfy { $0.sender == token.identity })
        #expect(tables.users[token.identity]?.online == false)
    }
}
