import ChatHost
import Foundation
import QuickstartChat
import SpacetimeDB
import Synchronization
import Testing

/// Issue 12's client defects, in real terminals (same suite as the other end-to-end tests, so they
/// run one at a time).
extension ChatEndToEndTests {
    /// A client with its own HOME and an environment of the test's choosing.
    static func client(
        _ name: String, arguments: [String], environment: [String: String], columns: Int = 100, rows: Int = 24
    ) throws -> TmuxTerminal {
        let home = try temporaryDirectory(name)
        var full = ["HOME": home.path, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"]
        full.merge(environment) { _, new in new }
        return try TmuxTerminal(
            command: [try executable()] + arguments + ["--log-file", home.appendingPathComponent("chat.log").path],
            columns: columns, rows: rows, environment: full)
    }

    /// Item 1: the host comes back without its data and refuses our token. The client stays open,
    /// keeps the queued messages (marked not sent) and the draft, says which file to remove, and
    /// `/reset-identity` starts over with a new identity and sends them.
    @Test func refusedReconnectKeepsQueuedMessagesAndResetIdentitySendsThem() async throws {
        var host = try await Self.startHost(dataDirectory: try Self.temporaryDirectory("refuse-a"))
        let port = host.port
        let alice = try Self.client("alice", host: host, columns: 120, rows: 30)
        try await alice.waitForScreen { $0.contains("● connected") }
        try alice.type("/name alice")
        try alice.press("Enter")
        try await alice.waitForScreen { $0.contains("you: alice") }

        await host.shutdown()
        try await alice.waitForScreen { $0.contains("reconnecting") }
        try alice.type("first queued")
        try alice.press("Enter")
        try alice.type("second queued")
        try alice.press("Enter")
        try alice.type("a draft")
        try await alice.waitForScreen { $0.contains("second queued (queued)") && $0.contains("> a draft") }

        // Same port, empty data: the token was signed by a host that no longer exists.
        host = try await Self.startHost(dataDirectory: try Self.temporaryDirectory("refuse-b"), port: port)
        defer { Task { [host] in await host.shutdown() } }
        let refused = try await alice.waitForScreen(timeout: 60) { $0.contains("/reset-identity") && $0.contains("(not sent)") }
        #expect(refused.contains("first queued (not sent)"), "\(refused)")
        #expect(refused.contains("second queued (not sent)"), "\(refused)")
        #expect(refused.contains("> a draft"), "the draft is kept:\n\(refused)")
        // The path is longer than the log is wide when the temporary folder is (it wraps mid-word):
        // read the log's rows as one text.
        let logText = Self.rows(refused).map { row in
            (row.split(separator: "│", omittingEmptySubsequences: false).first ?? "").trimmingCharacters(in: .whitespaces)
        }.joined()
        let credentials = URL(fileURLWithPath: alice.environment["HOME"] ?? "")
            .appendingPathComponent(".spacetimedb_client_credentials/quickstart-chat").path
        #expect(logText.contains(credentials), "names the file:\n\(refused)")
        #expect(refused.contains("no longer accepts your saved identity"), "\(refused)")
        #expect(!refused.contains("[exited"), "still running:\n\(refused)")

        // Start over: put the draft aside (Ctrl-U), run the command, bring the draft back (Ctrl-Y).
        try alice.press("C-u")
        try alice.type("/reset-identity")
        try alice.press("Enter")
        try alice.press("C-y")
        let resent = try await alice.waitForScreen(timeout: 40) {
            // Sent and confirmed: no suffix after either message any more (the notices above still
            // mention "(not sent)").
            $0.contains("● connected") && $0.contains("alice first queued") && $0.contains("alice second queued")
                && !$0.contains("first queued (") && !$0.contains("second queued (")
        }
        #expect(resent.contains("> a draft"), "\(resent)")
        #expect(resent.contains("Starting over with a new identity"), "\(resent)")
        let directory = URL(fileURLWithPath: alice.environment["HOME"] ?? "").appendingPathComponent(".spacetimedb_client_credentials")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.contains("quickstart-chat"), "a new token was saved: \(files)")
        #expect(files.contains { $0.hasPrefix("quickstart-chat.refused-") }, "the old one is kept aside: \(files)")

        // The new host has both messages, from alice (her name was asked for again).
        let bob = try Self.client("bob", host: host)
        let history = try await bob.waitForScreen { $0.contains("first queued") && $0.contains("second queued") }
        #expect(history.contains("alice") && history.contains("second queued"), "\(history)")

        // Quitting after a refusal that was not resolved would exit 5; after the reset it is a plain quit.
        try alice.press("C-c")
        let exit = try await alice.waitForScreen { $0.contains("[exited") }
        #expect(exit.contains("[exited 0]"), "\(exit)")
    }

    /// Item 2: a terminal that cannot address the cursor is refused before curses starts.
    @Test func dumbTerminalIsRefusedWithItsOwnExitCode() async throws {
        let port = try Self.freePort()
        let dumb = try Self.client("dumb", arguments: ["--host", "http://127.0.0.1:\(port)"], environment: ["TERM": "dumb"])
        let screen = try await dumb.waitForScreen { $0.contains("[exited") }
        #expect(screen.contains("spacetime-chat: the terminal type \"dumb\" cannot move the cursor"), "\(screen)")
        #expect(screen.contains("[exited 6]"), "\(screen)")
        let unknown = try Self.client("unknown", arguments: ["--host", "http://127.0.0.1:\(port)"], environment: ["TERM": "no-such-terminal"])
        let unknownScreen = try await unknown.waitForScreen { $0.contains("[exited") }
        #expect(unknownScreen.contains("is not in the terminfo database"), "\(unknownScreen)")
        #expect(unknownScreen.contains("[exited 6]"), "\(unknownScreen)")
    }

    /// Item 3: under `LANG=C` a UTF-8 locale is found and everything is drawn; with no UTF-8 locale
    /// (forced here with `--ascii`) ASCII stand-ins and escapes are drawn. Never blanks.
    @Test func cLocaleDrawsEveryCharacterOrAnASCIIStandIn() async throws {
        let host = try await Self.startHost()
        defer { Task { await host.shutdown() } }
        let plain = try Self.client("lang-c", arguments: ["--host", host.url], environment: ["LANG": "C", "LC_ALL": "C"])
        try await plain.waitForScreen { $0.contains("connected") }
        try plain.type("café 中文")
        try plain.press("Enter")
        let utf8 = try await plain.waitForScreen { $0.contains("café 中文") }
        #expect(utf8.contains("● connected"), "\(utf8)")
        #expect(utf8.contains("│ ● "), "frame drawn:\n\(utf8)")

        let ascii = try Self.client("ascii", arguments: ["--host", host.url, "--ascii"], environment: ["LANG": "C", "LC_ALL": "C"])
        let screen = try await ascii.waitForScreen { $0.contains("caf\\u{e9} \\u{4e2d}\\u{6587}") }
        #expect(screen.contains("* connected"), "\(screen)")
        #expect(screen.contains("| * "), "\(screen)")
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII }, "\(screen)")
        try ascii.type("naïve")
        let typed = try await ascii.waitForScreen { $0.contains("> na\\u{ef}ve") }
        #expect(typed.contains("> na\\u{ef}ve"), "\(typed)")
    }

    /// Item 4: the bar's key works: End (input empty) jumps to the newest message.
    @Test func endJumpsToTheNewestMessageAsTheBarSays() async throws {
        let host = try await Self.startHost()
        defer { Task { await host.shutdown() } }
        let alice = try Self.client("alice", host: host, columns: 80, rows: 12)
        let bob = try Self.client("bob", host: host, columns: 80, rows: 12)
        try await alice.waitForScreen { $0.contains("2/2 online") }
        try await bob.waitForScreen { $0.contains("2/2 online") }
        try bob.send(lines: (1...12).map { "filler \($0)" })
        try await alice.waitForScreen { $0.contains("filler 12") }
        try alice.press("PageUp")
        try await alice.waitForScreen { $0.contains("more below") }
        try bob.type("the newest one")
        try bob.press("Enter")
        let bar = try await alice.waitForScreen { $0.contains("1 new message below") }
        #expect(bar.contains("1 new message below · End to jump"), "\(bar)")
        try alice.press("End")
        let jumped = try await alice.waitForScreen { $0.contains("the newest one") && !$0.contains("below ·") }
        #expect(jumped.contains("the newest one"), "\(jumped)")
    }
}

extension ChatEndToEndTests {
    /// Items 5, 6 and 7 as another client (our SDK) plays them: it takes alice's name, sends a
    /// message with CR and U+2028 in it, renames to U+200B only; then the host goes away.
    @Test func impersonationSeparatorsAndStalePresenceShowHonestly() async throws {
        let host = try await Self.startHost()
        let alice = try Self.client("alice", arguments: ["--host", host.url], environment: ["NO_COLOR": "1"], columns: 110, rows: 20)
        try await alice.waitForScreen { $0.contains("● connected") }
        try alice.type("/name alice")
        try alice.press("Enter")
        try await alice.waitForScreen { $0.contains("you: alice") }

        let connected = Mutex(false)
        let mallory = try DbConnection.builder()
            .withUri(host.url).withDatabaseName("quickstart-chat")
            .onConnect { _, _, _ in connected.withLock { $0 = true } }
            .build()
        mallory.runThreaded()
        let deadline = Date().addingTimeInterval(20)
        while !connected.withLock({ $0 }) && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }

        // Item 6: same name as alice; only colour told them apart, and NO_COLOR is set.
        mallory.reducers.setName(name: "alice")
        let twins = try await alice.waitForScreen { $0.contains("renamed to alice #") }
        let sidebarNames = twins.split(separator: "\n").compactMap { line in line.range(of: "│ ● ").map { String(line[$0.upperBound...]) } }
        #expect(sidebarNames.filter { $0.hasPrefix("alice #") }.count == 2, "both alices carry their identity piece: \(sidebarNames)")
        #expect(twins.contains("you: alice #"), "\(twins)")

        // Item 7: a CR and a LINE SEPARATOR cannot start a line that looks like someone else's.
        mallory.reducers.sendMessage(text: "hi\r06:00 bob   fake line\u{2028}06:01 bob   another")
        let faked = try await alice.waitForScreen { $0.contains("fake line") }
        #expect(faked.contains("hi␍06:00 bob   fake line␤06:01 bob   another"), "\(faked)")
        #expect(!faked.split(separator: "\n").contains { $0.hasPrefix("06:00 bob") })

        // Item 6: a name of only U+200B gets a visible stand-in.
        mallory.reducers.setName(name: "\u{200B}")
        let blank = try await alice.waitForScreen { $0.contains("(blank) #") }
        #expect(blank.contains("● (blank) #"), "\(blank)")
        mallory.disconnect()

        // Item 5: with the host gone, presence is unknown, not the last count.
        await host.shutdown()
        let stale = try await alice.waitForScreen { $0.contains("reconnecting") && $0.contains("?/2 online") }
        #expect(!stale.contains("●"), "no one shown online while disconnected:\n\(stale)")
        #expect(stale.contains("│ ? alice"), "\(stale)")
    }
}

extension ChatEndToEndTests {
    /// Ctrl-L repairs a screen that another program wrote over: curses forgets what it believes is
    /// shown and draws every cell. (It used to only re-read the size, and curses, seeing no change,
    /// sent nothing: the stray line and the scrolled-away status bar stayed.)
    @Test func ctrlLRepairsAScreenAnotherProgramWroteOver() async throws {
        let host = try await Self.startHost()
        defer { Task { await host.shutdown() } }
        let alice = try Self.client("alice", host: host, columns: 80, rows: 12)
        defer { alice.close() }
        // Settled: connected, and the history pager done (an empty chat ends at its first notice).
        let before = try await alice.waitForScreen {
            $0.contains("● connected") && $0.contains("1/1 online") && $0.contains("beginning of history")
        }
        try alice.writeToTerminalDevice("STRAY OUTPUT\r\n")
        let spoiled = try await alice.waitForScreen { $0.contains("STRAY OUTPUT") }
        #expect(!spoiled.hasPrefix(" ● connected"), "the newline scrolled the status bar away:\n\(spoiled)")
        try alice.press("C-l")
        let repaired = try await alice.waitForScreen { !$0.contains("STRAY OUTPUT") }
        #expect(repaired == before, "before:\n\(before)\nafter Ctrl-L:\n\(repaired)")
    }
}
