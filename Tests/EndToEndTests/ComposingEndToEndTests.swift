import Foundation
import Testing

/// Issue 13's composing in real terminals: multi-line messages, history across restarts, the wheel
/// (same suite as the other end-to-end tests, so they run one at a time).
extension ChatEndToEndTests {
    /// The rows of a screen, without tmux's trailing blanks.
    static func rows(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
    }

    /// The row of the log line holding `text` (not the input's).
    static func logRow(of text: String, in screen: String) -> Int? {
        rows(screen).firstIndex { $0.contains(text) && !$0.hasPrefix(">") && !$0.hasPrefix("  ") }
    }

    /// Alt-Enter (ESC CR, as tmux sends `M-Enter`) composes a 3-line message: the input grows by two
    /// rows and the log gives them up; Enter sends it, and the other client shows it as three lines
    /// under one sender.
    @Test func altEnterComposesAThreeLineMessageShownUnderOneSender() async throws {
        let host = try await Self.startHost()
        defer { Task { await host.shutdown() } }
        let alice = try Self.client("alice", host: host, columns: 80, rows: 16)
        let bob = try Self.client("bob", host: host, columns: 80, rows: 16)
        try await alice.waitForScreen { $0.contains("2/2 online") }
        try bob.type("/name bob")
        try bob.press("Enter")
        try await bob.waitForScreen { $0.contains("renamed to bob.") }
        try bob.type("before")
        try bob.press("Enter")
        // Sent (no longer in the input): the log's newest line.
        let oneRow = try await bob.waitForScreen { $0.contains(" before") && !$0.contains("> before") }
        let beforeRow = Self.logRow(of: " before", in: oneRow)

        try bob.type("first line")
        try bob.press("M-Enter")
        try bob.type("second line")
        try bob.press("M-Enter")
        try bob.type("third line")
        let composing = try await bob.waitForScreen { $0.contains("  third line") }
        let rows = Self.rows(composing)
        let input = rows.lastIndex { $0.hasPrefix("> first line") }
        #expect(input != nil, "the draft's first line:\n\(composing)")
        if let input {
            #expect(rows[input + 1].hasPrefix("  second line"), "\(composing)")
            #expect(rows[input + 2].hasPrefix("  third line"), "\(composing)")
        }
        // The log shrank: its newest line moved up by the two rows the input took.
        let composingRow = Self.logRow(of: " before", in: composing)
        #expect(beforeRow.map { $0 - 2 } == composingRow, "before: \(oneRow)\nnow: \(composing)")

        try bob.press("Enter")
        let received = try await alice.waitForScreen { $0.contains("third line") }
        let aliceRows = Self.rows(received)
        let first = aliceRows.firstIndex { $0.range(of: #"^\d\d:\d\d bob +first line"#, options: .regularExpression) != nil }
        #expect(first != nil, "\(received)")
        if let first, let column = aliceRows[first].range(of: "first line")?.lowerBound {
            let indent = aliceRows[first].distance(from: aliceRows[first].startIndex, to: column)
            #expect(aliceRows[first + 1].hasPrefix(String(repeating: " ", count: indent) + "second line"), "\(received)")
            #expect(aliceRows[first + 2].hasPrefix(String(repeating: " ", count: indent) + "third line"), "\(received)")
        }
        #expect(aliceRows.filter { $0.range(of: #"^\d\d:\d\d bob +.*line"#, options: .regularExpression) != nil }.count == 1, "one sender line:\n\(received)")
        #expect(!received.contains("⏎"))
        // Sent: bob's input is one row again.
        let after = try await bob.waitForScreen { $0.contains("third line") && !$0.contains("> first line") }
        #expect(Self.logRow(of: " before", in: after) == beforeRow.map { $0 - 3 }, "\(after)")
    }

    /// Two windows sharing one history file both keep their lines: each adds its own to the file as
    /// it is (before, the last window to send replaced the file with its own copy, dropping the other
    /// window's lines), and a later run recalls lines from both.
    @Test func twoWindowsSharingAHistoryFileKeepEachOthersLines() async throws {
        let host = try await Self.startHost()
        defer { Task { await host.shutdown() } }
        let home = try Self.temporaryDirectory("sharedhistory")
        func start(_ log: String) throws -> TmuxTerminal {
            try TmuxTerminal(
                command: [try Self.executable(), "--host", host.url, "--log-file", home.appendingPathComponent(log).path],
                columns: 80, rows: 16,
                environment: ["HOME": home.path, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"])
        }
        let one = try start("one.log")
        let two = try start("two.log")
        try await one.waitForScreen { $0.contains("● connected") }
        try await two.waitForScreen { $0.contains("● connected") }
        for (window, line) in [(one, "from-one"), (two, "from-two"), (one, "one-again")] {
            try window.type(line)
            try window.press("Enter")
            try await window.waitForScreen { $0.contains(line) && !$0.contains("> \(line)") }
        }
        for window in [one, two] {
            try window.press("C-c")
            try await window.waitForScreen { $0.contains("[exited 0]") }
            window.close()
        }

        let path = home.appendingPathComponent(".local/state/spacetime-chat/input-history").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(Set(lines) == ["# spacetime-chat input history v1", "from-one", "from-two", "one-again"], "\(lines)")
        if let first = lines.firstIndex(of: "from-one"), let again = lines.firstIndex(of: "one-again") {
            #expect(first < again, "one window's lines stay in its order: \(lines)")
        }
        // A later run recalls the other window's line too.
        let third = try start("three.log")
        try await third.waitForScreen { $0.contains("● connected") }
        let stepsBack = lines.count - (lines.firstIndex(of: "from-two") ?? 0)
        for _ in 0..<stepsBack { try third.press("Up") }
        try await third.waitForScreen { $0.contains("> from-two") }
        try third.press("C-c")
        try await third.waitForScreen { $0.contains("[exited 0]") }
        third.close()
    }

    /// Lines sent in one run come back with ↑ in the next (a multi-line one whole, its lines
    /// walked with ↑ before older entries); the file is 0600; `--no-history-file` neither reads nor writes it.
    @Test func inputHistorySurvivesARestart() async throws {
        let host = try await Self.startHost()
        defer { Task { await host.shutdown() } }
        let home = try Self.temporaryDirectory("history")
        func start(_ extra: [String] = []) throws -> TmuxTerminal {
            try TmuxTerminal(
                command: [try Self.executable(), "--host", host.url, "--log-file", home.appendingPathComponent("chat.log").path] + extra,
                columns: 80, rows: 16,
                environment: ["HOME": home.path, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"])
        }
        let first = try start()
        try await first.waitForScreen { $0.contains("● connected") }
        try first.type("alpha")
        try first.press("Enter")
        try first.type("beta")
        try first.press("M-Enter")
        try first.type("gamma")
        try first.press("Enter")
        try await first.waitForScreen { $0.contains("gamma") && !$0.contains("> beta") }
        try first.press("C-c")
        try await first.waitForScreen { $0.contains("[exited 0]") }
        first.close()

        let path = home.appendingPathComponent(".local/state/spacetime-chat/input-history").path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600)

        let second = try start()
        try await second.waitForScreen { $0.contains("● connected") }
        try second.press("Up")
        let recalled = try await second.waitForScreen { $0.contains("> beta") }
        let rows = Self.rows(recalled)
        if let input = rows.lastIndex(where: { $0.hasPrefix("> beta") }) {
            #expect(rows[input + 1].hasPrefix("  gamma"), "\(recalled)")
        }
        try second.press("Up")  // to the line above, inside the recalled entry
        try second.press("Up")  // then the older entry
        try await second.waitForScreen { $0.contains("> alpha") }
        try second.press("C-c")
        try await second.waitForScreen { $0.contains("[exited 0]") }
        second.close()

        let before = try String(contentsOfFile: path, encoding: .utf8)
        let privateRun = try start(["--no-history-file"])
        try await privateRun.waitForScreen { $0.contains("● connected") }
        // ↑ recalls nothing, so what is typed next is the whole input.
        try privateRun.press("Up")
        try privateRun.type("secret")
        let typed = try await privateRun.waitForScreen { $0.contains("secret") }
        #expect(Self.rows(typed).contains { $0.hasPrefix("> secret") }, "nothing recalled:\n\(typed)")
        try privateRun.press("Enter")
        try await privateRun.waitForScreen { $0.contains("secret") && !$0.contains("> secret") }
        try privateRun.press("C-c")
        try await privateRun.waitForScreen { $0.contains("[exited 0]") }
        privateRun.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
    }

    /// A history file that is not ours (or damaged) is ignored with a line in the log, never a
    /// crash, and the next send replaces it.
    @Test func aCorruptHistoryFileIsIgnoredAndReplaced() async throws {
        let host = try await Self.startHost()
        defer { Task { await host.shutdown() } }
        let home = try Self.temporaryDirectory("badhistory")
        let directory = home.appendingPathComponent(".local/state/spacetime-chat")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("input-history").path
        try Data([0x00, 0xFF, 0xFE, 0x0A, 0x5C, 0x71]).write(to: URL(fileURLWithPath: path))
        let client = try TmuxTerminal(
            command: [try Self.executable(), "--host", host.url, "--log-file", home.appendingPathComponent("chat.log").path],
            columns: 80, rows: 16,
            environment: ["HOME": home.path, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"])
        try await client.waitForScreen { $0.contains("● connected") }
        try client.press("Up")
        try client.type("fresh")
        let typed = try await client.waitForScreen { $0.contains("fresh") }
        #expect(Self.rows(typed).contains { $0.hasPrefix("> fresh") }, "nothing recalled:\n\(typed)")
        let log = (try? String(contentsOfFile: home.appendingPathComponent("chat.log").path, encoding: .utf8)) ?? ""
        #expect(log.contains("input history \(path) ignored: it is not UTF-8 text"), "log:\n\(log)")
        try client.press("Enter")
        try await client.waitForScreen { $0.contains("fresh") && !$0.contains("> fresh") }
        try client.press("C-c")
        try await client.waitForScreen { $0.contains("[exited 0]") }
        client.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "# spacetime-chat input history v1\nfresh\n")
    }

    /// With `--mouse`, the wheel (SGR reports, as a terminal sends them) scrolls the log and back.
    @Test func mouseWheelScrollsTheLogWithMouseOn() async throws {
        let host = try await Self.startHost()
        defer { Task { await host.shutdown() } }
        let alice = try Self.client("alice", arguments: ["--host", host.url, "--mouse"], environment: [:], columns: 80, rows: 12)
        let bob = try Self.client("bob", host: host, columns: 80, rows: 12)
        try await alice.waitForScreen { $0.contains("2/2 online") }
        for number in 1...20 {
            try bob.type("filler \(number)")
            try bob.press("Enter")
        }
        let end = try await alice.waitForScreen { $0.contains("filler 20") }
        #expect(!end.contains("filler 10 "), "\(end)")
        for _ in 0..<2 { try alice.type("\u{1B}[<64;10;5M") }
        let up = try await alice.waitForScreen { $0.contains("filler 10") && !$0.contains("filler 20") }
        #expect(up.contains("more below"), "the bar says there is more below:\n\(up)")
        #expect(!up.contains("[<64"), "no report leaked into the input:\n\(up)")
        for _ in 0..<6 { try alice.type("\u{1B}[<65;10;5M") }
        let back = try await alice.waitForScreen { $0.contains("filler 20") && !$0.contains("more below") }
        #expect(back.contains("filler 20"))
    }
}
