import ChatHost
import QuickstartChat
import SpacetimeDB
import Foundation
import TmuxDriver

/// `spacetime-bench tui [--history 100000] [--idle-seconds 10] [--keystrokes 50]`: the real
/// `spacetime-chat` (the build beside this benchmark) in a tmux terminal against an in-process host
/// whose data was seeded with `--history` messages. Reports launch to painted screen (process start
/// until `capture-pane` shows the connected status and the newest message), the client's CPU use while
/// connected and idle (from /proc/<pid>/stat), and keystroke-to-screen time: a key sent with
/// `tmux send-keys` until `capture-pane` shows it (so tmux's own round trips are included); then the
/// client's RSS and the time to page in older history with Ctrl-Home. The client runs with its
/// default `--since` unless given one; the history is one message a second ending now.
/// `--client-wrapper` runs the client under another command (a profiler: `perf record -g -o FILE --`);
/// at the end the client is quit with Ctrl-C and waited for, so the wrapper can write its data. The CPU
/// and RSS figures are then the wrapper's process, unless it execs the client (as `env` does).
enum TerminalBenchmark: Benchmark {
    static let name = "tui"
    static let summary = "terminal client: launch to painted screen with N messages of history, idle CPU, keystroke-to-screen"

    static func run(arguments: [String]) -> Int32 {
        guard let given = BenchmarkArguments(
            arguments, known: ["--idle-seconds", "--keystrokes", "--history", "--since", "--client-wrapper"]) else {
            FileHandle.standardError.write(Data(("usage: spacetime-bench tui [--history N] [--idle-seconds S] [--keystrokes N] "
                + "[--since 1h|all|…] [--client-wrapper 'perf record -g -o FILE --']\n").utf8))
            return 2
        }
        let idleSeconds = given.double("--idle-seconds", fallback: 10) ?? 10
        let keystrokes = given.int("--keystrokes", fallback: 50) ?? 50
        let history = given.int("--history", fallback: 100_000) ?? 100_000
        let chat = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("spacetime-chat").path
        guard FileManager.default.isExecutableFile(atPath: chat) else {
            FileHandle.standardError.write(Data("tui: build spacetime-chat in the same configuration first (\(chat))\n".utf8))
            return 2
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stc-bench-tui-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let newest = "the newest of \(history) messages"
        do {
            try seed(history: history, newest: newest, into: directory)
        } catch {
            FileHandle.standardError.write(Data("tui: cannot seed the history: \(error)\n".utf8))
            return 1
        }
        guard let host = runBlocking({ try? await ChatHost.start(ChatHostConfiguration(dataDirectory: directory, port: 0)) }) else {
            FileHandle.standardError.write(Data("tui: the host did not start\n".utf8))
            return 1
        }
        defer { runBlocking { await host.shutdown() } }
        do {
            // tmux is driven from this (main) thread, through TmuxDriver.
            let report = try measure(chat: chat, hostURL: host.url, home: directory.appendingPathComponent("home").path,
                                     history: history, newest: newest, idleSeconds: idleSeconds, keystrokes: keystrokes,
                                     since: given.text("--since"), wrapper: given.text("--client-wrapper"))
            FileHandle.standardOutput.write(Data(report.utf8))
            return 0
        } catch {
            FileHandle.standardError.write(Data("tui: \(error)\n".utf8))
            return 1
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `history` messages from 50 named senders, one a second, the last one (reading `newest`)
    /// sent now: a busy room whose history reaches back `history` seconds.
    static func seed(history: Int, newest: String, into directory: URL) throws(HostError) {
        let senders = (0..<50).map { index in
            User(identity: Identity(UInt256(UInt64(0xC200_0000 + index))), name: "user\(index)", online: false)
        }
        let start = Timestamp.now().microsecondsSinceUnixEpoch - Int64(history) * 1_000_000
        var messages: [Message] = []
        messages.reserveCapacity(history)
        for index in 0..<history {
            let text = index == history - 1 ? newest : "history message number \(index) with some ordinary chat text"
            let sent = Timestamp(microsecondsSinceUnixEpoch: start + Int64(index) * 1_000_000)
            messages.append(Message(sender: senders[index % senders.count].identity, sent: sent, text: text))
        }
        try ChatHost.importRows(users: senders, messages: messages, into: directory)
    }

    static func measure(
        chat: String, hostURL: String, home: String, history: Int, newest: String, idleSeconds: Double, keystrokes: Int,
        since: String?, wrapper: String?
    ) throws -> String {
        let socket = "stc-bench-\(getpid())"
        defer {
            // Quit the client the way a user does, so a wrapper (a profiler) sees it exit and writes
            // its data; then make sure nothing is left.
            _ = try? tmux(socket, ["send-keys", "-t", "chat", "C-c"])
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline, (try? tmux(socket, ["has-session", "-t", "chat"])) != nil {
                Thread.sleep(forTimeInterval: 0.05)
            }
            _ = try? tmux(socket, ["kill-server"])
        }
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let command = "exec env HOME='\(home)' LANG=C.UTF-8 LC_ALL=C.UTF-8 \(wrapper.map { $0 + " " } ?? "")'\(chat)' "
            + "--host \(hostURL) --log-file '\(home)/chat.log'"
            + (since.map { " --since '\($0)'" } ?? "")
        let launched = Date()
        try tmux(socket, ["new-session", "-d", "-s", "chat", "-x", "100", "-y", "30", command])
        guard let pid = Int32(try tmux(socket, ["display-message", "-p", "-t", "chat", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(description: "no pane pid")
        }
        let connectDeadline = Date().addingTimeInterval(120)
        while true {
            let screen = try tmux(socket, ["capture-pane", "-p", "-t", "chat"])
            if screen.contains("● connected") && screen.contains(newest) { break }
            guard Date() < connectDeadline else { throw Failure(description: "the client did not paint the history") }
            Thread.sleep(forTimeInterval: 0.005)
        }
        let launchToPaint = Date().timeIntervalSince(launched) * 1000
        // CPU the client used to get there: a figure the other processes on a busy machine move less.
        let ticksToPaint = try cpuTicks(pid)
        Thread.sleep(forTimeInterval: 1)
        let residentMB = try residentMegabytes(pid)
        let peakResidentMB = try residentMegabytes(pid, field: "VmHWM")

        // Idle CPU: clock ticks spent by the process while nothing happens.
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        let cpuToPaint = Double(ticksToPaint) / ticksPerSecond * 1000
        let startTicks = try cpuTicks(pid)
        let start = Date()
        Thread.sleep(forTimeInterval: idleSeconds)
        let idleTicks = try cpuTicks(pid) - startTicks
        let elapsed = Date().timeIntervalSince(start)
        let idleCPU = Double(idleTicks) / ticksPerSecond / elapsed * 100

        // Keystroke to screen: type one distinct letter, poll the screen until it shows.
        var latencies: [Double] = []
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for round in 0..<keystrokes {
            if round % 20 == 0 { try tmux(socket, ["send-keys", "-t", "chat", "C-u"]) }
            let typed = String(letters[round % letters.count])
            let expected = try inputLine(socket) + typed
            let sent = Date()
            try tmux(socket, ["send-keys", "-t", "chat", "-l", typed])
            while try inputLine(socket) != expected {
                guard Date().timeIntervalSince(sent) < 5 else { throw Failure(description: "keystroke never appeared") }
            }
            latencies.append(Date().timeIntervalSince(sent) * 1000)
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        let olderPages: [Double]
        do {
            olderPages = since == "all" ? [] : try olderPageTimes(socket, pages: 5)
        } catch {
            let log = (try? String(contentsOfFile: "\(home)/chat.log", encoding: .utf8)) ?? ""
            throw Failure(description: "\(error)\nthe client's log ends:\n\(log.split(separator: "\n").suffix(12).joined(separator: "\n"))")
        }
        // The client's own account of the start path (see TerminalSession and ChatConnectionBridge).
        let timings = ((try? String(contentsOfFile: "\(home)/chat.log", encoding: .utf8)) ?? "")
            .split(separator: "\n")
            .filter { $0.contains("subscription applied") || $0.contains("into the model") || $0.contains("painted") }
            .map { "  client log: " + ($0.split(separator: " ", maxSplits: 3).last.map(String.init) ?? "") }
            .joined(separator: "\n")
        return """
            tui: connected client, 100x30 tmux terminal, in-process host
            launch to painted screen with \(history) messages of history: \(String(format: "%.0f", launchToPaint)) ms
            client CPU (utime + stime) until painted: \(String(format: "%.0f", cpuToPaint)) ms
            \(timings)
            client RSS 1 s after painting: \(String(format: "%.1f", residentMB)) MB (peak \(String(format: "%.1f", peakResidentMB)) MB)
            older page (Ctrl-Home until the next older messages are painted), 5 pages: \
            \(olderPages.isEmpty ? "none (everything is loaded)" : olderPages.map { String(format: "%.1f", $0) }.joined(separator: " / ") + " ms")
            idle CPU over \(String(format: "%.1f", elapsed)) s: \(idleTicks) ticks = \(String(format: "%.2f", idleCPU))% of one core
            keystroke to screen (send-keys until capture-pane shows it, \(keystrokes) keys): \
            p50 \(String(format: "%.1f", percentile(0.5))) ms, p99 \(String(format: "%.1f", percentile(0.99))) ms

            """
    }

    /// Ctrl-Home `pages` times, each timed until the screen shows a message older than any shown before
    /// and no "loading older messages…" (the page arrived, merged and was painted), on two captures
    /// 20 ms apart (the time is that of the first).
    static func olderPageTimes(_ socket: String, pages: Int) throws -> [Double] {
        func oldestNumber(_ screen: String) -> Int? {
            screen.split(separator: "\n").compactMap { line -> Int? in
                guard let range = line.range(of: #"history message number \d+"#, options: .regularExpression) else { return nil }
                return Int(line[range].split(separator: " ").last ?? "")
            }.min()
        }
        // The first Ctrl-Home only reaches the top of what is loaded and fetches a page; let it land
        // (a Ctrl-Home while a page is on its way is ignored, so the timed ones must start after it).
        try tmux(socket, ["send-keys", "-t", "chat", "C-Home"])
        Thread.sleep(forTimeInterval: 2)
        guard var oldest = oldestNumber(try tmux(socket, ["capture-pane", "-p", "-t", "chat"])) else {
            throw Failure(description: "no history on the screen")
        }
        var times: [Double] = []
        for _ in 0..<pages {
            let sent = Date()
            try tmux(socket, ["send-keys", "-t", "chat", "C-Home"])
            while true {
                let screen = try tmux(socket, ["capture-pane", "-p", "-t", "chat"])
                if !screen.contains("loading older messages"), let number = oldestNumber(screen), number < oldest {
                    // A capture can land in the middle of a repaint: count it only if the next one agrees.
                    let seen = Date()
                    Thread.sleep(forTimeInterval: 0.02)
                    if try tmux(socket, ["capture-pane", "-p", "-t", "chat"]) == screen {
                        oldest = number
                        times.append(seen.timeIntervalSince(sent) * 1000)
                        break
                    }
                }
                guard Date().timeIntervalSince(sent) < 10 else {
                    throw Failure(description: "no older page appeared; the screen:\n\(screen)")
                }
            }
        }
        return times
    }

    /// The resident set size of a process (`VmRSS`, or its peak `VmHWM`), in megabytes.
    static func residentMegabytes(_ pid: Int32, field: String = "VmRSS") throws -> Double {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { throw Failure(description: "no \(field) in /proc/\(pid)/status") }
        return kilobytes / 1024
    }

    /// The input line (the last row) as text.
    static func inputLine(_ socket: String) throws -> String {
        let screen = try tmux(socket, ["capture-pane", "-p", "-t", "chat"])
        let line = screen.split(separator: "\n", omittingEmptySubsequences: false).last { $0.hasPrefix("> ") || $0 == ">" } ?? ""
        return String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces)
    }

    /// utime + stime of a process, in clock ticks.
    static func cpuTicks(_ pid: Int32) throws -> Int {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the command name (which may contain spaces) start after the last ')'.
        guard let close = stat.lastIndex(of: ")") else { throw Failure(description: "bad /proc stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else {
            throw Failure(description: "bad /proc stat")
        }
        return user + system
    }

    /// Runs a tmux command on our own server (see ``TmuxCommand``).
    @discardableResult
    static func tmux(_ socket: String, _ arguments: [String]) throws -> String {
        try TmuxCommand.run(socket: socket, arguments)
    }
}
