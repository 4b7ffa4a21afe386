import ChatHost
import Foundation
import QuickstartChat
import SpacetimeDB
import Testing

/// Group commit under a crash: many clients send at once, so their transactions share fsyncs; the
/// `serve` child is killed with SIGKILL mid-burst, and every acknowledged message must be there after
/// a restart, in each sender's own order.
@Suite struct GroupCommitCrashTests {
    /// Counts acknowledgements across the sender tasks, so the test knows when the burst is under way.
    actor AckLedger {
        private(set) var acknowledged: [Int: [String]] = [:]
        var total: Int { acknowledged.values.reduce(0) { $0 + $1.count } }
        func record(sender: Int, text: String) { acknowledged[sender, default: []].append(text) }
    }

    static let senders = 16
    static let messagesPerSender = 200
    /// Kill after this many acknowledgements: well inside the burst of `senders * messagesPerSender`.
    static let killAfter = 400

    @Test(.enabled(if: CrashDurabilityTests.serverExecutable != nil, "needs the spacetime-chat executable"))
    func killNineMidBurstLosesNoAcknowledgedMessage() async throws {
        let executable = try #require(CrashDurabilityTests.serverExecutable)
        let directory = try TemporaryDirectory("chathost-group-commit")
        defer { directory.remove() }
        let serve = try await ServeProcess.start(executable: executable, dataDirectory: directory.path, port: 0)
        let acknowledged: [Int: [String]]
        do {
            acknowledged = try await Self.burstThenKill(serve)
        } catch {
            await serve.killNine()
            throw error
        }
        let total = acknowledged.values.reduce(0) { $0 + $1.count }

        let restarted = try await HostFixture.start(directory: directory)
        let tables = await restarted.host.tables()
        await restarted.stop(removeData: false)
        #expect(total >= Self.killAfter)
        #expect(total < Self.senders * Self.messagesPerSender, "the kill came after the burst; nothing was tested")
        let stored = tables.messages.map(\.text)
        for sender in 0..<Self.senders {
            let prefix = "sender \(sender) message "
            let storedOfSender = stored.filter { $0.hasPrefix(prefix) }
            let acked = acknowledged[sender] ?? []
            // Every acknowledged message survived, in send order; at most the one in flight follows.
            #expect(Array(storedOfSender.prefix(acked.count)) == acked, "sender \(sender)")
            #expect(storedOfSender.count <= acked.count + 1, "sender \(sender)")
        }
    }

    /// Connects the senders, lets them send at once and kills the host after `killAfter` acknowledgements.
    static func burstThenKill(_ serve: ServeProcess) async throws -> [Int: [String]] {
        let port = serve.port
        var clients: [TestWebSocketClient] = []
        for _ in 0..<Self.senders {
            let (response, maybeClient) = try await TestWebSocketClient.connect(
                port: port, path: "/v1/database/quickstart-chat/subscribe?compression=None",
                protocols: ["v1.bsatn.spacetimedb"])
            let client = try #require(maybeClient, "upgrade refused: \(response.status)")
            guard case .identityToken = try await client.nextV1() else { throw TestSocketError.malformed("IdentityToken") }
            clients.append(client)
        }
        defer { for client in clients { client.close() } }

        let ledger = AckLedger()
        await withTaskGroup(of: Void.self) { tasks in
            for (sender, client) in clients.enumerated() {
                tasks.addTask {
                    // Each sender waits for its own acknowledgement; the socket dies with the host.
                    for index in 0..<Self.messagesPerSender {
                        let text = "sender \(sender) message \(index)"
                        do {
                            try await client.callV1("send_message", SendMessageArgs(text: text), requestId: UInt32(index))
                            let update = try await client.nextV1TransactionUpdate()
                            guard case .committed = update.status else { return }
                            await ledger.record(sender: sender, text: text)
                        } catch {
                            return
                        }
                    }
                }
            }
            tasks.addTask {
                while await ledger.total < Self.killAfter { await Task.yield() }
                await serve.killNine()
            }
        }
        await serve.killNine()
        return await ledger.acknowledged
    }
}
