import ChatHost
import Foundation
import QuickstartChat
import SpacetimeDB
import Testing

/// The programs in `Examples/`, built as real executables and run against the real local host over
/// real sockets, driven through their stdin and read from their stdout and stderr.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ExamplesTests {
    /// A host on a free port with its data in a fresh directory.
    static func startHost() async throws -> (ChatHost, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stc-examples-\(UUID().uuidString)")
        return (try await ChatHost.start(ChatHostConfiguration(dataDirectory: directory, port: 0)), directory)
    }

    /// An SDK client in the test, connected and subscribed with the async API.
    static func chatter(_ host: ChatHost, name: String) async throws -> DbConnection {
        let conn = try await DbConnection.builder().withUri(host.url).withDatabaseName("quickstart-chat").connect()
        #expect(await conn.reducers.setName(name: name).outcome == .committed)
        _ = try await conn.subscribe(to: ["SELECT * FROM user", "SELECT * FROM message"])
        return conn
    }

    /// Waits until `process` has printed `count` stdout lines.
    static func waitForLines(_ process: ExampleProcess, _ count: Int, _ what: String) async throws {
        try await waitFor("\(what) (stdout so far: \(process.stdout.all), stderr: \(process.stderr.all))") {
            process.stdout.all.count >= count
        }
    }

    @Test func quickstartClientPrintsWhatTheRustQuickstartPrints() async throws {
        let (host, directory) = try await Self.startHost()
        let home = directory.appendingPathComponent("home").path
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = ["HOME": home, "SPACETIMEDB_HOST": host.url]

        let client = try ExampleProcess("quickstart-client", environment: environment)
        try await Self.waitForLines(client, 3, "the subscription")
        let me = try #require(client.stdout.all.last?.dropFirst("User ".count).prefix(16)).description
        #expect(client.stdout.all == [
            "Fully connected and all subscriptions applied.",
            "Use /name to set your name, or type a message!",
            "User \(me) connected.",
        ])
        client.send("Hello, world!")
        try await Self.waitForLines(client, 4, "the first message")
        client.send("/name alice")
        try await Self.waitForLines(client, 5, "the rename")
        client.send("/name ")
        try await waitFor("the refused name") { !client.stderr.all.isEmpty }
        client.send("Hello after naming myself.")
        try await Self.waitForLines(client, 6, "the second message")
        let bob = try await Self.chatter(host, name: "bob")
        let bobHex = try #require(bob.identity).abbreviatedHex
        try await Self.waitForLines(client, 8, "bob joining and naming himself")
        #expect(await bob.reducers.sendMessage(text: "hi alice").outcome == .committed)
        try await Self.waitForLines(client, 9, "bob's message")
        bob.disconnect()
        try await Self.waitForLines(client, 10, "bob leaving")
        client.closeInput()
        #expect(try await client.exitStatus() == 0)
        #expect(client.stdout.all == [
            "Fully connected and all subscriptions applied.",
            "Use /name to set your name, or type a message!",
            "User \(me) connected.",
            "\(me): Hello, world!",
            "User \(me) renamed to alice.",
            "alice: Hello after naming myself.",
            "User \(bobHex) connected.",
            "User \(bobHex) renamed to bob.",
            "bob: hi alice",
            "User bob disconnected.",
        ])
        #expect(client.stderr.all == [#"Failed to change name to "": Names must not be empty"#])

        // Started again, it is the same user (the token was saved) and the history loads in order.
        let again = try ExampleProcess("quickstart-client", environment: environment)
        try await Self.waitForLines(again, 6, "the second run's subscription")
        again.closeInput()
        #expect(try await again.exitStatus() == 0)
        #expect(again.stdout.all == [
            "alice: Hello, world!",
            "alice: Hello after naming myself.",
            "bob: hi alice",
            "Fully connected and all subscriptions applied.",
            "Use /name to set your name, or type a message!",
            "User alice connected.",
        ])
        await host.shutdown()
    }

    @Test func pingBotAnswersPingsAndReportsItsStatus() async throws {
        let (host, directory) = try await Self.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bot = try ExampleProcess("ping-bot", environment: ["SPACETIMEDB_HOST": host.url, "PING_BOT_NAME": "pingu"])
        try await waitFor("the bot to be ready (\(bot.stdout.all), \(bot.stderr.all))") {
            bot.stdout.all.contains { $0.hasPrefix("pingu ready") }
        }
        let carol = try await Self.chatter(host, name: "carol")
        let replies = carol.db.message.changes
        #expect(await carol.reducers.sendMessage(text: "!ping").outcome == .committed)
        var texts: [String] = []
        for await change in replies {
            if case .insert(let message) = change.kind { texts.append(message.text) }
            if texts.count == 2 { break }
        }
        #expect(texts == ["!ping", "pong @carol"])
        try await waitFor("the bot's report") { bot.stdout.all.contains("answered carol") }
        bot.closeInput()
        #expect(try await bot.exitStatus() == 0)
        #expect(bot.stdout.all.first == "status: connected")
        #expect(bot.stdout.all.last == "status: closed(reason: nil)")
        #expect(bot.stderr.all.isEmpty)
        carol.disconnect()
        await host.shutdown()
    }
}
