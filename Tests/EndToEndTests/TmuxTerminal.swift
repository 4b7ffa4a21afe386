import Foundation

/// A real terminal for end-to-end tests: a tmux server of our own (its own socket), one session of a
/// fixed size running a command. Keys go in with `send-keys`; the screen comes back with `capture-pane`.
final class TmuxTerminal {
    /// Why a tmux command failed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let socket: String
    let session: String

    /// Starts `command` in a new detached session of `columns` × `rows`.
    init(command: [String], columns: Int, rows: Int, environment: [String: String]) throws {
        socket = "stc-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        session = "chat"
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }
        let shellCommand = (["env"] + assignments + command.map(Self.quote)).joined(separator: " ")
            + "; echo \"[exited $?]\"; sleep 600"
        try run(["new-session", "-d", "-s", session, "-x", "\(columns)", "-y", "\(rows)", shellCommand])
    }

    deinit {
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

    /// The pane's title (what a title-setting escape sequence would change).
    func paneTitle() throws -> String {
        try run(["display-message", "-p", "-t", session, "#{pane_title}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `condition` holds; returns the last screen either way.
    /// (A bound on waiting for an eventual state, not a speed assertion.)
    @discardableResult
    func waitForScreen(timeout: TimeInterval = 20, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = try screen()
        while !condition(last) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            last = try screen()
        }
        return last
    }

    @discardableResult
    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux", "-L", socket, "-f", "/dev/null"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    private static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
