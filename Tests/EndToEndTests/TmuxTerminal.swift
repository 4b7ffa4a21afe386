import Foundation
import Testing

/// A real terminal for end-to-end tests: a tmux server of our own (its own socket), one session of a
/// fixed size running a command. Keys go in with `send-keys`; the screen comes back with `capture-pane`.
final class TmuxTerminal {
    /// Why a tmux command failed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let socket: String
    let session: String
    /// The environment the command runs with (its `HOME` tells where its files are).
    let environment: [String: String]
    private var closed = false

    /// Starts `command` in a new detached session of `columns` × `rows`.
    init(command: [String], columns: Int, rows: Int, environment: [String: String]) throws {
        socket = "stc-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        session = "chat"
        self.environment = environment
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }
        let shellCommand = (["env"] + assignments + command.map(Self.quote)).joined(separator: " ")
            + "; echo \"[exited $?]\"; sleep 600"
        try run(["new-session", "-d", "-s", session, "-x", "\(columns)", "-y", "\(rows)", shellCommand])
    }

    deinit {
        close()
    }

    /// Closes the terminal as closing its window would: the server goes, the pane's tty hangs up.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? run(["kill-server"])
    }

    /// The screen as plain text, one line per row.
    func screen() throws -> String {
        try run(["capture-pane", "-p", "-t", session])
    }

    /// The screen with colours and attributes as escape sequences.
    func screenWithAttributes() throws -> String {
        try run(["capture-pane", "-p", "-e", "-t", session])
    }

    /// Types `text` literally.
    func type(_ text: String) throws {
        try run(["send-keys", "-t", session, "-l", text])
    }

    /// Presses named keys (`Enter`, `C-c`, `PageUp`...).
    func press(_ keys: String...) throws {
        try run(["send-keys", "-t", session] + keys)
    }

    /// Resizes the window.
    func resize(columns: Int, rows: Int) throws {
        try run(["resize-window", "-t", session, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// The process ids of the chat client in the pane (children of the pane's shell).
    func panePids() throws -> [pid_t] {
        let shell = try run(["display-message", "-p", "-t", session, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// The pane's title (what a title-setting escape sequence would change).
    func paneTitle() throws -> String {
        try run(["display-message", "-p", "-t", session, "#{pane_title}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `condition` holds and returns it; records a test issue (with the last
    /// screen) if it never does. (A bound on waiting for an eventual state, not a speed assertion.)
    @discardableResult
    func waitForScreen(
        timeout: TimeInterval = 20, sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool
    ) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = try screen()
        while !condition(last) {
            guard Date() < deadline else {
                Issue.record("the screen never reached the awaited state:\n\(last)", sourceLocation: sourceLocation)
                return last
            }
            try await Task.sleep(for: .milliseconds(100))
            last = try screen()
        }
        return last
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        // posix_spawn and waitpid rather than Foundation's Process, whose exit detection hung here
        // when called from a Swift concurrency thread. Output goes to a file, not a pipe:
        // `new-session` starts the tmux server, which inherits the descriptors and would hold a
        // pipe open forever.
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("stc-tmux-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        Self.markDescriptorsCloseOnExec()
        let argv = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        // The calling thread (a Swift concurrency or Dispatch worker) blocks most signals, and a
        // spawned process inherits that mask: the tmux server would never see SIGCHLD or SIGTERM, so
        // `kill-server` would leave it (and the chat client in its pane) running forever. Start
        // tmux with no signals blocked and default dispositions.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, &cArguments, environ)
        guard spawned == 0 else { throw Failure(description: "cannot start tmux: error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED && WEXITSTATUS == 0, spelled out (the macros are not imported).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(text)")
        }
        return text
    }

    /// Nothing of ours may leak into tmux: the in-process host's listening socket would stay bound
    /// for as long as the tmux server lives. (glibc's closefrom file action is not imported.)
    private static func markDescriptorsCloseOnExec() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for name in names {
            guard let fd = Int32(name), fd > 2 else { continue }
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
        }
    }

    private static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
