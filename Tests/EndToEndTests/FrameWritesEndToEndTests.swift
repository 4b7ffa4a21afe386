import ChatHost
import Foundation
import Testing

/// How frames reach the terminal, seen from the kernel: the real client runs in tmux under
/// `strace -e trace=write`, and each write to its terminal is read back from the trace.
///
/// A frame is bracketed by synchronized-output marks (`CSI ? 2026 h` … `CSI ? 2026 l`, written on
/// their own), so a terminal that has the mode never shows half of one; between the marks it goes out
/// in as few writes as curses' output buffer allows. Debian's ncurses, left alone, flushes after every
/// cursor move: a frame went out as a write per changed row, and a reader (or tmux's `capture-pane`)
/// could catch half of one.
@Suite struct FrameWritesEndToEndTests {
    /// One write to the terminal, as strace printed it.
    struct TerminalWrite: Equatable {
        /// The bytes written, as strace quotes them (escapes kept, possibly cut short by `-s`).
        var quoted: String
        /// How many bytes the call wrote.
        var length: Int

        /// Whether this is curses showing or hiding the cursor (`cnorm`/`civis`), which it writes at once.
        var isCursorVisibility: Bool { length <= 16 && (quoted.contains("[?25h") || quoted.contains("[?25l")) }
    }

    static let beginMark = #"\33[?2026h"#
    static let endMark = #"\33[?2026l"#

    /// The writes to file descriptor 1 in an strace log of one thread made with `-e trace=write`:
    /// `write(1, "<bytes>"[...], <count>) = <written>`, padded with spaces before the `=`.
    static func terminalWrites(inTrace trace: String) -> [TerminalWrite] {
        let call = /^write\(1, "(.*)"(?:\.\.\.)?, (\d+)\)\s*= (\d+)/
        return trace.split(separator: "\n").compactMap { line in
            guard let match = line.firstMatch(of: call), let written = Int(match.3) else { return nil }
            return TerminalWrite(quoted: String(match.1), length: written)
        }
    }

    /// The writes between each begin mark and the end mark after it.
    static func frames(in writes: [TerminalWrite]) -> [[TerminalWrite]] {
        var frames: [[TerminalWrite]] = []
        var current: [TerminalWrite]?
        for write in writes {
            if write.quoted == beginMark {
                current = []
            } else if write.quoted == endMark {
                if let frame = current { frames.append(frame) }
                current = nil
            } else {
                current?.append(write)
            }
        }
        return frames
    }

    static func strace() -> String? {
        ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test func framesGoOutWholeBetweenSynchronizedUpdateMarks() async throws {
        let strace = try #require(Self.strace(), "strace is needed (.ci/run installs it)")
        let host = try await ChatEndToEndTests.startHost()
        defer { Task { await host.shutdown() } }
        let home = try ChatEndToEndTests.temporaryDirectory("frames")
        let trace = home.appendingPathComponent("writes")
        // Every thread, each in its own file (`-ff`: writes.<tid>), so no call is split in two lines.
        let chat = try TmuxTerminal(
            command: [strace, "-ff", "-e", "trace=write", "-e", "signal=none", "-s", "24", "-o", trace.path,
                      try ChatEndToEndTests.executable(), "--host", host.url,
                      "--log-file", home.appendingPathComponent("chat.log").path],
            columns: 100, rows: 24,
            environment: ["HOME": home.path, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"])
        defer { chat.close() }
        try await chat.waitForScreen { $0.contains("● connected") }
        try chat.send(lines: (0..<30).map { "message number \($0) with some words to fill the row" })
        try await chat.waitForScreen { $0.contains("message number 29 ") }
        try chat.press("PageUp")
        try await chat.waitForScreen { $0.contains("more below") }
        try chat.press("C-Home")
        try await chat.waitForScreen { $0.contains("message number 0 ") }
        try chat.press("End")
        try await chat.waitForScreen { !$0.contains("more below") && $0.contains("message number 29 ") }
        try chat.resize(columns: 60, rows: 15)
        try await chat.waitForScreen { $0.split(separator: "\n").first.map { $0.count <= 60 } ?? false }
        try chat.resize(columns: 120, rows: 40)
        try await chat.waitForScreen { $0.contains("message number 29 ") && ($0.split(separator: "\n").first?.count ?? 0) > 100 }
        try chat.type("/quit")
        try chat.press("Enter")
        try await chat.waitForScreen { $0.contains("[exited 0]") }

        // The thread that paints is the one whose file has the terminal's writes.
        let files = try FileManager.default.contentsOfDirectory(atPath: home.path).filter { $0.hasPrefix("writes.") }
        let traces = try files.map { try String(contentsOf: home.appendingPathComponent($0), encoding: .utf8) }
        let writesPerThread = traces.map(Self.terminalWrites(inTrace:)).filter { !$0.isEmpty }
        #expect(writesPerThread.count == 1, "threads writing to the terminal: \(writesPerThread.count) of \(files.count)")
        let writes = writesPerThread.first ?? []
        let frames = Self.frames(in: writes)
        #expect(frames.count >= 10, "frames seen: \(frames.count) in \(writes.count) writes")
        // Every frame drew something: one equal to the last is not sent at all.
        #expect(frames.allSatisfy { !$0.isEmpty }, "\(frames.filter(\.isEmpty).count) empty frames")
        // A frame is split only where curses' buffer, (rows + 2) × (columns + 6) bytes, filled: at the
        // smallest size here that is 17 × 66 = 1,122. Before, it was a write per changed row.
        // (curs_set writes a change of the cursor's visibility at once: that one is allowed.)
        let pieces = frames.flatMap { $0.filter { !$0.isCursorVisibility }.dropLast() }
        #expect(pieces.allSatisfy { $0.length >= 1_000 }, "frames split into short writes: \(pieces.filter { $0.length < 1_000 }.prefix(8).map { "\($0.length) bytes: \($0.quoted)" })")
        let split = frames.filter { $0.filter { !$0.isCursorVisibility }.count > 1 }.count
        #expect(split * 4 <= frames.count, "\(split) of \(frames.count) frames took more than one write")
    }

    @Test func traceLinesAreReadAsWritesToTheTerminal() {
        let trace = """
            write(1, "\\33[?2026h", 8)         = 8
            write(1, "\\33[H\\33[2J\\33[0;7m\\17 \\342\\227\\217 c"..., 2741) = 2741
            write(3, "x", 1)                = 1
            write(1, "\\33[?2026l", 8)         = 8
            +++ exited with 0 +++
            """
        let writes = Self.terminalWrites(inTrace: trace)
        #expect(writes.map(\.length) == [8, 2741, 8])
        #expect(Self.frames(in: writes).map { $0.map(\.length) } == [[2741]])
    }
}
