import ChatHost
import Foundation
import QuickstartChat
import SpacetimeDB
import Synchronization
import TmuxDriver
import Testing

/// Mentions that reach you (issue 13), with the real client in tmux: the bell (counted by tmux's
/// `alert-bell` hook), the title (`#{pane_title}`), the bar's mention count, the `── new ──` marker
/// and Alt-U. Focus is real: a second tmux server attaches a client to the chat's server, so
/// switching that client to another session and back makes tmux send `CSI O` / `CSI I` to the
/// chat's pane (`focus-events on`), as a terminal emulator does when its window loses the focus.
@Suite(.serialized) struct MentionsEndToEndTests {
    /// Another client, through our SDK: sends as "carol".
    final class Carol: Sendable {
        let connection: DbConnection

        init(host: ChatHost) async throws {
            let connected = Mutex(false)
            connection = try DbConnection.builder()
                .withUri(host.url).withDatabaseName("quickstart-chat")
                .onConnect { _, _, _ in connected.withLock { $0 = true } }
                .build()
            connection.runThreaded()
            let deadline = Date().addingTimeInterval(20)
            while !connected.withLock({ $0 }) && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
            connection.reducers.setName(name: "carol")
        }

        func say(_ text: String) { connection.reducers.sendMessage(text: text) }
    }

    /// `count` messages from "user0", ten seconds apart, the newest two minutes ago: enough to scroll.
    static func seed(into directory: URL, count: Int) throws {
        let sender = User(identity: Identity(UInt256(UInt64(0xC200_0000))), name: "user0", online: false)
        let newest = Timestamp.now().microsecondsSinceUnixEpoch - 120_000_000
        let messages = (0..<count).map { index in
            Message(sender: sender.identity, sent: Timestamp(microsecondsSinceUnixEpoch: newest - Int64(count - 1 - index) * 10_000_000),
                    text: "seed-\(index)")
        }
        try ChatHost.importRows(users: [sender], messages: messages, into: directory)
    }

    /// How many bells the chat's tmux server has heard (its `alert-bell` hook counts them).
    static func bells(_ terminal: TmuxTerminal) throws -> Int {
        Int(try terminal.tmux(["show-options", "-gv", "@bells"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Polls `value` until it equals `expected` (a bound on waiting, not a speed check).
    static func waitFor<T: Equatable>(
        _ expected: T, timeout: TimeInterval = 60, sourceLocation: SourceLocation = #_sourceLocation, _ value: () throws -> T
    ) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        var last = try value()
        while last != expected {
            guard Date() < deadline else {
                Issue.record("waited for \(expected), still \(last)", sourceLocation: sourceLocation)
                return
            }
            try await Task.sleep(for: .milliseconds(100))
            last = try value()
        }
    }

    /// The log row just below the status bar, and the one below it.
    static func topRows(_ screen: String) -> (String, String) {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return (rows.count > 1 ? rows[1] : "", rows.count > 2 ? rows[2] : "")
    }

    @Test func aMentionWhileAwayRingsSetsTheTitleAndLeavesAMarker() async throws {
        let directory = try ChatEndToEndTests.temporaryDirectory("mentions-host")
        try Self.seed(into: directory, count: 40)
        let host = try await ChatEndToEndTests.startHost(dataDirectory: directory)
        defer { Task { await host.shutdown() } }
        let alice = try ChatEndToEndTests.client("alice", host: host, columns: 100, rows: 24)
        defer { alice.close() }
        try alice.tmux(["set-option", "-g", "focus-events", "on"])
        try alice.tmux(["set-option", "-g", "@bells", "0"])
        try alice.tmux(["set-hook", "-g", "alert-bell", "set-option -gF @bells '#{e|+:#{@bells},1}'"])
        // A client attached from a second server: the chat's pane is now in a focused terminal.
        let outer = "stc-e2e-outer-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try TmuxCommand.run(socket: outer, [
            "new-session", "-d", "-x", "100", "-y", "24",
            "env -u TMUX TERM=screen tmux -L \(alice.socket) -f /dev/null attach -t \(alice.session)",
        ])
        defer { _ = try? TmuxCommand.run(socket: outer, ["kill-server"]) }

        try await alice.waitForScreen { $0.contains("● connected") && $0.contains("seed-39") }
        try alice.type("/name alice")
        try alice.press("Enter")
        try await alice.waitForScreen { $0.contains("you: alice") }
        let ownTitle = try alice.paneTitle()
        #expect(!ownTitle.contains("spacetime-chat"), "the client leaves the title alone until something is unread")
        let carol = try await Carol(host: host)
        defer { carol.connection.disconnect() }

        // Scrolled up (focused): a mention rings once, counts in the title and in the bar.
        try alice.press("PageUp")
        try await alice.waitForScreen { $0.contains("more below") }
        carol.say("hey alice, look at this")
        try await alice.waitForScreen { $0.contains("1 new message below · 1 mentions you · End to jump") }
        try await Self.waitFor(1) { try Self.bells(alice) }
        try await Self.waitFor("(1) spacetime-chat") { try alice.paneTitle() }
        carol.say("just chatting")
        try await alice.waitForScreen { $0.contains("2 new messages below · 1 mentions you") }
        try await Task.sleep(for: .milliseconds(500))
        #expect(try Self.bells(alice) == 1, "no bell for a message that does not name you")

        // Back at the end: the count clears; the marker sits above the first message that came.
        try alice.press("End")
        let back = try await alice.waitForScreen { !$0.contains("more below") && $0.contains("just chatting") }
        try await Self.waitFor("spacetime-chat") { try alice.paneTitle() }
        let rows = back.split(separator: "\n").map(String.init)
        let mention = try #require(rows.firstIndex { $0.contains("hey alice, look at this") })
        #expect(mention > 0 && rows[mention - 1].hasPrefix("── new ──"), "the marker above the first new message:\n\(back)")

        // Unfocused (the attached client switched to another session): a mention rings and counts;
        // switching back (focus in) clears it.
        try alice.tmux(["new-session", "-d", "-s", "elsewhere", "sleep 600"])
        try alice.tmux(["switch-client", "-t", "elsewhere"])
        try await Task.sleep(for: .milliseconds(300))
        carol.say("alice? are you there")
        try await alice.waitForScreen { $0.contains("alice? are you there") }
        try await Self.waitFor(2) { try Self.bells(alice) }
        try await Self.waitFor("(1) spacetime-chat") { try alice.paneTitle() }
        try alice.tmux(["switch-client", "-t", alice.session])
        try await Self.waitFor("spacetime-chat") { try alice.paneTitle() }
        #expect(try Self.bells(alice) == 2)

        // The marker moved to the first message of this absence. Thirty more later, from the top,
        // Alt-U puts it on the top row.
        for number in 0..<30 { carol.say("later-\(number)") }
        try await alice.waitForScreen { $0.contains("later-29") }
        try alice.press("C-Home")
        try await alice.waitForScreen { $0.contains("more below") && !$0.contains("later-29") }
        try alice.press("M-u")
        // The whole awaited state, not just the rule: the rule is the first row of the new frame, and a
        // capture that catches the frame half written shows it over the old top of the log.
        let jumped = try await alice.waitForScreen {
            Self.topRows($0).0.hasPrefix("── new ──") && Self.topRows($0).1.contains("alice? are you there")
        }
        #expect(Self.topRows(jumped).1.contains("carol") && Self.topRows(jumped).1.contains("alice? are you there"), "\(jumped)")
        #expect(jumped.contains("more below"))
        #expect(try Self.bells(alice) == 2, "nothing new rang meanwhile")

        // Quitting puts the terminal's own title back.
        try alice.press("C-c")
        try await alice.waitForScreen { $0.contains("[exited 0]") }
        try await Self.waitFor(ownTitle) { try alice.paneTitle() }
    }

    /// `--no-bell` keeps quiet; the title still counts.
    @Test func noBellKeepsQuiet() async throws {
        let host = try await ChatEndToEndTests.startHost()
        defer { Task { await host.shutdown() } }
        let home = try ChatEndToEndTests.temporaryDirectory("quiet")
        let alice = try TmuxTerminal(
            command: [try ChatEndToEndTests.executable(), "--host", host.url, "--no-bell", "--log-file", home.appendingPathComponent("chat.log").path],
            columns: 100, rows: 24,
            environment: ["HOME": home.path, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"])
        defer { alice.close() }
        try alice.tmux(["set-option", "-g", "@bells", "0"])
        try alice.tmux(["set-hook", "-g", "alert-bell", "set-option -gF @bells '#{e|+:#{@bells},1}'"])
        try await alice.waitForScreen { $0.contains("● connected") }
        try alice.type("/name alice")
        try alice.press("Enter")
        try await alice.waitForScreen { $0.contains("you: alice") }
        let carol = try await Carol(host: host)
        defer { carol.connection.disconnect() }
        for number in 0..<30 { carol.say("filler-\(number)") }
        try await alice.waitForScreen { $0.contains("filler-29") }
        try alice.press("PageUp")
        try await alice.waitForScreen { $0.contains("more below") }
        carol.say("alice: quiet please")
        try await alice.waitForScreen { $0.contains("1 mentions you") }
        try await Self.waitFor("(1) spacetime-chat") { try alice.paneTitle() }
        try await Task.sleep(for: .milliseconds(500))
        #expect(try Self.bells(alice) == 0)
    }
}
