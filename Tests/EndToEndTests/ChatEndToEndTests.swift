import ChatHost
import Foundation
import QuickstartChat
import SpacetimeDB
import Synchronization
import Testing

/// The real `spacetime-chat` executable in real terminals (tmux, fixed sizes) against the real local
/// host over real sockets: what a person sees when two people chat.
@Suite(.serialized) struct ChatEndToEndTests {
    /// The built executable, beside the test bundle in `.build/<configuration>/`.
    static func executable() throws -> String {
        var candidates: [URL] = []
        if let main = Bundle.main.executableURL { candidates.append(main.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug"))
        for directory in candidates {
            var url = directory
            // The test bundle can sit inside `<name>.xctest/`; climb out of it.
            while url.path.contains(".xctest") { url.deleteLastPathComponent() }
            let path = url.appendingPathComponent("spacetime-chat").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw TmuxTerminal.Failure(description: "spacetime-chat executable not found near \(candidates)")
    }

    /// Where this test process keeps its scratch directories: removed when the process exits, so
    /// runs leave no `stc-e2e-*` directories behind in the system temp directory.
    static let scratchRoot: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stc-e2e-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ChatEndToEndTests.scratchRoot) }
        return url
    }()

    /// A fresh directory under ``scratchRoot``.
    static func temporaryDirectory(_ name: String) throws -> URL {
        let url = scratchRoot.appendingPathComponent("stc-e2e-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A client in its own tmux terminal, with its own HOME (and so its own identity).
    static func client(_ name: String, host: ChatHost, columns: Int = 100, rows: Int = 24) throws -> TmuxTerminal {
        let home = try temporaryDirectory(name)
        return try TmuxTerminal(
            command: [try executable(), "--host", host.url, "--log-file", home.appendingPathComponent("chat.log").path],
            columns: columns, rows: rows,
            environment: ["HOME": home.path, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"])
    }

    static func startHost(dataDirectory: URL? = nil, port: Int = 0) async throws -> ChatHost {
        let directory = try dataDirectory ?? temporaryDirectory("host")
        // Restarting on the same port: the old host's connections may hold it for a moment
        // (FIN_WAIT) after shutdown, so retry the bind for a while.
        var attempts = 0
        while true {
            let result: Result<ChatHost, HostError>
            do {
                result = .success(try await ChatHost.start(ChatHostConfiguration(dataDirectory: directory, port: port)))
            } catch {
                result = .failure(error)
            }
            switch result {
            case .success(let host):
                return host
            case .failure(let error):
                guard case .bind = error, port != 0, attempts < 100 else { throw error }
                attempts += 1
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    @Test func twoClientsChatRenameAndSeePresence() async throws {
        let host = try await Self.startHost()
        defer { Task { await host.shutdown() } }
        let alice = try Self.client("alice", host: host)
        let bob = try Self.client("bob", host: host)
        try await alice.waitForScreen { $0.contains("● connected") && $0.contains("2/2 online") }
        let bobScreen = try await bob.waitForScreen { $0.contains("● connected") && $0.contains("2/2 online") }
        #expect(bobScreen.contains("2/2 online"))

        try alice.type("/name alice")
        try alice.press("Enter")
        let renamed = try await bob.waitForScreen { $0.contains("renamed to alice.") }
        #expect(renamed.contains("renamed to alice."), "bob sees the rename notice:\n\(renamed)")
        #expect(renamed.contains("● alice"), "bob's sidebar shows alice online:\n\(renamed)")

        try alice.type("Hello from alice 漢字 🎉")
        try alice.press("Enter")
        let received = try await bob.waitForScreen { $0.contains("Hello from alice 漢字 🎉") }
        #expect(received.contains("alice") && received.contains("Hello from alice 漢字 🎉"), "bob receives it:\n\(received)")
        let line = received.split(separator: "\n").first { $0.contains("Hello from alice") }.map(String.init) ?? ""
        #expect(line.range(of: #"^\d\d:\d\d alice +Hello from alice 漢字 🎉"#, options: .regularExpression) != nil, "line: \(line)")

        try bob.type("/name bob")
        try bob.press("Enter")
        try bob.type("hi alice")
        try bob.press("Enter")
        let aliceScreen = try await alice.waitForScreen { $0.contains("bob") && $0.contains("hi alice") }
        #expect(aliceScreen.contains("hi alice"), "alice receives bob's reply:\n\(aliceScreen)")
        // Bob's reply names alice, so on her screen it is drawn bold; her message names no one on bob's.
        #expect(Self.isBold("hi alice", in: try alice.screenWithAttributes()) == true, "a mention stands out")
        #expect(Self.isBold("Hello from alice", in: try bob.screenWithAttributes()) == false, "no mention, plain")

        // Bob quits with Ctrl-C: his terminal is restored and alice sees him go offline.
        try bob.press("C-c")
        let bobExit = try await bob.waitForScreen { $0.contains("[exited") }
        #expect(bobExit.contains("[exited 0]"), "clean exit:\n\(bobExit)")
        let offline = try await alice.waitForScreen { $0.contains("User bob disconnected.") && $0.contains("○ bob") }
        #expect(offline.contains("User bob disconnected."), "alice sees the notice:\n\(offline)")
        #expect(offline.contains("○ bob"), "alice's sidebar flips bob offline:\n\(offline)")
        #expect(offline.contains("1/2 online"))
    }

    /// The attribute sequences in effect where `text` starts on a `capture-pane -e` screen: the SGR
    /// codes since the last reset before it (nil when the text is not on the screen).
    static func attributes(before text: String, in attributedScreen: String) -> String? {
        guard let line = attributedScreen.split(separator: "\n").first(where: { $0.contains(text) }) else { return nil }
        let before = line.components(separatedBy: text).first ?? ""
        return before.components(separatedBy: "\u{1b}[0m").last ?? before
    }

    /// Whether `text` is drawn bold (an SGR 1 in effect); nil when it is not on the screen.
    static func isBold(_ text: String, in attributedScreen: String) -> Bool? {
        attributes(before: text, in: attributedScreen).map { $0.contains("\u{1b}[1m") || $0.contains("\u{1b}[1;") }
    }

    @Test func ownMessageIsPendingWhileOfflineThenConfirmedAfterReconnect() async throws {
        let data = try Self.temporaryDirectory("durable")
        var host = try await Self.startHost(dataDirectory: data)
        let port = host.port
        let alice = try Self.client("alice", host: host)
        try await alice.waitForScreen { $0.contains("● connected") }

        await host.shutdown()
        try await alice.waitForScreen { $0.contains("reconnecting") }
        try alice.type("sent while the host was down")
        try alice.press("Enter")
        let queued = try await alice.waitForScreen { $0.contains("sent while the host was down (queued)") }
        #expect(queued.contains("sent while the host was down (queued)"), "queued while offline:\n\(queued)")

        host = try await Self.startHost(dataDirectory: data, port: port)
        defer { Task { [host] in await host.shutdown() } }
        let confirmed = try await alice.waitForScreen(timeout: 40) {
            $0.contains("● connected") && $0.contains("sent while the host was down") && !$0.contains("(queued)")
        }
        #expect(confirmed.contains("● connected"), "reconnected:\n\(confirmed)")
        #expect(!confirmed.contains("(queued)"), "no longer queued:\n\(confirmed)")
        // Confirmed means the text is drawn without the dim attribute that marks pending messages:
        // no SGR 2 between the last reset before the text and the text itself. "(queued)" goes as soon
        // as the call is sent again; the confirmation follows when the host answers, so wait for it.
        var attributed = try alice.screenWithAttributes()
        var sinceReset = Self.attributes(before: "sent while the host was down", in: attributed)
        let confirmDeadline = Date().addingTimeInterval(40)
        while sinceReset?.contains("\u{1b}[2m") != false, Date() < confirmDeadline {
            try await Task.sleep(for: .milliseconds(100))
            attributed = try alice.screenWithAttributes()
            sinceReset = Self.attributes(before: "sent while the host was down", in: attributed)
        }
        #expect(sinceReset != nil)
        #expect(sinceReset?.contains("\u{1b}[2m") == false, "confirmed message is not dim: \(attributed.debugDescription)")
        // And it reached the host's tables: a second client sees it as history.
        let bob = try Self.client("bob", host: host)
        let history = try await bob.waitForScreen { $0.contains("sent while the host was down") }
        #expect(history.contains("sent while the host was down"))
    }

    @Test func resizeReflowsNarrowWideAndTiny() async throws {
        let host = try await Self.startHost()
        defer { Task { await host.shutdown() } }
        let alice = try Self.client("alice", host: host, columns: 100, rows: 20)
        try await alice.waitForScreen { $0.contains("● connected") }
        let long = "the quick brown fox jumps over the lazy dog and keeps running far beyond the edge"
        try alice.type(long)
        try alice.press("Enter")
        try await alice.waitForScreen { $0.contains("beyond the edge") }

        try alice.resize(columns: 40, rows: 12)
        let narrow = try await alice.waitForScreen { !$0.contains("│") && $0.contains("beyond") }
        #expect(!narrow.contains("│"), "sidebar hidden when narrow:\n\(narrow)")
        for line in narrow.split(separator: "\n") {
            #expect(line.count <= 40, "fits 40 columns: \(line)")
        }
        #expect(narrow.contains("the quick brown fox"))

        try alice.resize(columns: 12, rows: 4)
        let tiny = try await alice.waitForScreen { $0.contains("too small") || $0.contains("terminal") }
        #expect(tiny.contains("terminal"), "tiny terminals show a note:\n\(tiny)")

        try alice.resize(columns: 1, rows: 1)
        try await Task.sleep(for: .milliseconds(300))
        try alice.resize(columns: 140, rows: 20)
        let wide = try await alice.waitForScreen { $0.contains("│") && $0.contains(long) }
        #expect(wide.contains("│ ● "), "sidebar back when wide:\n\(wide)")
        #expect(wide.contains(long), "the long line fits on one row again:\n\(wide)")
        #expect(!wide.contains("[exited"), "survived every size")
    }

    @Test func escapeSequencesInMessagesStayInert() async throws {
        let host = try await Self.startHost()
        defer { Task { await host.shutdown() } }
        let bob = try Self.client("bob", host: host)
        try await bob.waitForScreen { $0.contains("● connected") }
        let titleBefore = try bob.paneTitle()

        // Another client (our SDK) sends text full of terminal control sequences.
        let connected = Mutex(false)
        let home = try Self.temporaryDirectory("mallory")
        let connection = try DbConnection.builder()
            .withUri(host.url).withDatabaseName("quickstart-chat")
            .onConnect { _, _, _ in connected.withLock { $0 = true } }
            .build()
        connection.runThreaded()
        defer { connection.disconnect() }
        _ = home
        let deadline = Date().addingTimeInterval(20)
        while !connected.withLock({ $0 }) && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        let attack = "\u{1b}[2J\u{1b}[H\u{1b}]0;pwned\u{07}evil\u{1b}[31m red"
        connection.reducers.sendMessage(text: attack)

        let screen = try await bob.waitForScreen { $0.contains("evil") }
        #expect(screen.contains("␛[2J␛[H␛]0;pwned␇evil␛[31m red"), "shown as visible placeholders:\n\(screen)")
        #expect(screen.contains("● connected"), "the screen was not cleared:\n\(screen)")
        #expect(try bob.paneTitle() == titleBefore, "the title did not change")
        #expect(!(try bob.paneTitle()).contains("pwned"))
    }

    /// A TCP port that was free a moment ago (bound to 0, read back, closed).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw TmuxTerminal.Failure(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func localClientsShareAHostAndTakeOverWhenTheHostingOneQuits() async throws {
        let port = try Self.freePort()
        let data = try Self.temporaryDirectory("local-data")
        func localClient(_ name: String) throws -> TmuxTerminal {
            let home = try Self.temporaryDirectory(name)
            return try TmuxTerminal(
                command: [
                    try Self.executable(), "--local", "--host", "http://localhost:\(port)", "--data-dir", data.path,
                    "--log-file", home.appendingPathComponent("chat.log").path,
                ],
                columns: 90, rows: 16,
                environment: ["HOME": home.path, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"])
        }
        // The first one finds nothing on the port and hosts in its own process.
        let alice = try localClient("alice")
        try await alice.waitForScreen { $0.contains("● connected") }
        // The second one finds that host and joins it.
        let bob = try localClient("bob")
        let joined = try await bob.waitForScreen { $0.contains("● connected") && $0.contains("2/2 online") }
        #expect(joined.contains("2/2 online"), "bob joined alice's host:\n\(joined)")
        try alice.type("/name alice")
        try alice.press("Enter")
        try alice.type("before the handover")
        try alice.press("Enter")
        try await bob.waitForScreen { $0.contains("before the handover") }

        // Alice, who hosts, quits: bob notices, takes over on the same data, and the chat goes on.
        try alice.press("C-c")
        let tookOver = try await bob.waitForScreen(timeout: 40) { $0.contains("Reconnected.") && $0.contains("● connected") }
        #expect(tookOver.contains("Reconnected."), "bob reconnected to his own host:\n\(tookOver)")
        #expect(tookOver.contains("before the handover"), "history kept:\n\(tookOver)")
        #expect(tookOver.contains("○ alice"), "alice shown offline:\n\(tookOver)")
        try bob.type("after the handover")
        try bob.press("Enter")
        try await bob.waitForScreen { $0.contains("after the handover") }

        // Alice comes back and sees both messages as history from bob's host.
        let again = try localClient("alice-again")
        let history = try await again.waitForScreen { $0.contains("before the handover") && $0.contains("after the handover") }
        #expect(history.contains("before the handover") && history.contains("after the handover"), "\(history)")
    }

    @Test func closingTheTerminalWindowEndsTheClientCleanly() async throws {
        let host = try await Self.startHost()
        defer { Task { await host.shutdown() } }
        let alice = try Self.client("alice", host: host)
        let bob = try Self.client("bob", host: host)
        try await alice.waitForScreen { $0.contains("● connected") && $0.contains("2/2 online") }
        try await bob.waitForScreen { $0.contains("● connected") && $0.contains("2/2 online") }
        let pids = try alice.panePids()
        try #require(!pids.isEmpty)

        // The window goes away: every write to the tty now fails with EIO. The client must end as
        // it would on /quit (no crash report, no process left behind), and the others see it leave.
        alice.close()
        let deadline = Date().addingTimeInterval(20)
        while pids.contains(where: { FileManager.default.fileExists(atPath: "/proc/\($0)") }), Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        let left = pids.filter { FileManager.default.fileExists(atPath: "/proc/\($0)") }
        #expect(left.isEmpty, "the client outlived its terminal: \(left)")
        let logPath = URL(fileURLWithPath: alice.environment["HOME"] ?? "").appendingPathComponent("chat.log").path
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        #expect(log.contains("session ended: the terminal closed"), "log:\n\(log)")
        let offline = try await bob.waitForScreen { $0.contains("1/2 online") }
        #expect(offline.contains("disconnected."), "bob sees alice leave:\n\(offline)")
    }

    @Test func exitsCleanlyWithAReasonWhenItCannotConnectOrIsTerminated() async throws {
        // Nothing listens on this port: the client says why on stderr and exits 3, curses never starts.
        let port = try Self.freePort()
        let home = try Self.temporaryDirectory("nohost")
        let refused = try TmuxTerminal(
            command: [try Self.executable(), "--host", "http://127.0.0.1:\(port)", "--log-file", home.appendingPathComponent("chat.log").path],
            columns: 100, rows: 10, environment: ["HOME": home.path, "LANG": "C.UTF-8", "TERM": "tmux-256color"])
        let refusedScreen = try await refused.waitForScreen { $0.contains("[exited") }
        #expect(refusedScreen.contains("spacetime-chat: cannot connect to http://127.0.0.1:\(port)"), "\(refusedScreen)")
        #expect(refusedScreen.contains("[exited 3]"), "\(refusedScreen)")

        // SIGTERM while chatting: the terminal is restored (the shell's line is visible on a normal
        // screen, not inside curses) and the exit code says which signal.
        let host = try await Self.startHost()
        defer { Task { await host.shutdown() } }
        let alice = try Self.client("alice", host: host)
        try await alice.waitForScreen { $0.contains("● connected") }
        let pids = try alice.panePids()
        for pid in pids { kill(pid, SIGTERM) }
        let terminated = try await alice.waitForScreen { $0.contains("[exited") }
        #expect(terminated.contains("[exited 143]"), "\(terminated)")
        #expect(!terminated.contains("● connected"), "curses left the screen:\n\(terminated)")
    }
}
