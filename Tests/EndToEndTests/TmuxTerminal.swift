import Foundation
import TmuxDriver
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
        var environment = environment
        // Files the client keeps under $XDG_STATE_HOME (input history) stay in the test's HOME.
        if environment["XDG_STATE_HOME"] == nil, let home = environment["HOME"] {
            environment["XDG_STATE_HOME"] = home + "/.local/state"
        }
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(TmuxCommand.shellQuote($0.value))" }
        let shellCommand = (["env"] + assignments + command.map(TmuxCommand.shellQuote)).joined(separator: " ")
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

    /// The screen and the row the cursor is on, read together (one tmux command list runs with no
    /// pane output read in between).
    func screenAndCursorRow() throws -> (screen: String, cursorRow: Int?) {
        let output = try run(["capture-pane", "-p", "-t", session, ";", "display-message", "-p", "-t", session, "#{cursor_y}"])
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        let row = lines.popLast().flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return (lines.joined(separator: "\n") + "\n", row)
    }

    /// The screen with colours and attributes as escape sequences.
    func screenWithAttributes() throws -> String {
        try run(["capture-pane", "-p", "-e", "-t", session])
    }

    /// Types `text` literally.
    func type(_ text: String) throws {
        try run(["send-keys", "-t", session, "-l", text])
    }

    /// Types each of `lines` and presses Enter after it, as a person sending them one by one.
    func send(lines: some Sequence<String>) throws {
        for line in lines {
            try type(line)
            try press("Enter")
        }
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

    /// Writes `text` straight to the pane's terminal device, as another program sharing the terminal
    /// would (a `write` message, a background job's output): the client is not told.
    func writeToTerminalDevice(_ text: String) throws {
        let path = try run(["display-message", "-p", "-t", session, "#{pane_tty}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let device = FileHandle(forWritingAtPath: path) else { throw Failure(description: "cannot open \(path)") }
        defer { try? device.close() }
        try device.write(contentsOf: Data(text.utf8))
    }

    /// The pane's title (what a title-setting escape sequence would change).
    func paneTitle() throws -> String {
        try run(["display-message", "-p", "-t", session, "#{pane_title}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs any other tmux command against this terminal's server (options, hooks, windows).
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try run(arguments)
    }

    /// Polls the screen until `condition` holds and returns it; records a test issue (with the last
    /// screen) if it never does. (A bound on waiting for an eventual state, not a speed assertion; a
    /// generous one, since every suite starts at once and this task's turn can come late.)
    ///
    /// The screen returned is a settled one: read twice in a row, the same. A frame can reach the
    /// terminal in more than one write, and a capture between them shows the top of the new frame over
    /// the rest of the old one, which can satisfy `condition` while the rest of the test then reads
    /// rows that are not drawn yet.
    @discardableResult
    func waitForScreen(
        timeout: TimeInterval = 60, sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool
    ) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = try screen()
        while true {
            if condition(last) {
                let again = try screen()
                if again == last { return last }
                // Still changing at the deadline (a countdown on screen): the latest, if it still holds.
                if Date() >= deadline, condition(again) { return again }
                last = again
                continue
            }
            guard Date() < deadline else {
                Issue.record("the screen never reached the awaited state:\n\(last)", sourceLocation: sourceLocation)
                return last
            }
            try await Task.sleep(for: .milliseconds(100))
            last = try screen()
        }
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        try TmuxCommand.run(socket: socket, arguments)
    }
}
