import ChatHost
import Foundation
import Testing

/// `--compression` end to end: the real client in tmux against a loopback host, loading a whole
/// history (`--since all`, 3000 rows: one frame far past the 1 KiB the host compresses from) with
/// each choice. `auto` asks a loopback host for none; the others are asked for as given.
@Suite(.serialized) struct CompressionEndToEndTests {
    @Test func autoAsksALoopbackHostForNone() async throws {
        try await loadWholeHistory(flag: nil, asked: "None")
    }

    @Test func brotliWhenAskedFor() async throws {
        try await loadWholeHistory(flag: "brotli", asked: "Brotli")
    }

    @Test func gzipWhenAskedFor() async throws {
        try await loadWholeHistory(flag: "gzip", asked: "Gzip")
    }

    /// Starts a seeded host and the client with `--compression flag`, and checks the whole history
    /// shows and the client asked for `asked`.
    func loadWholeHistory(flag: String?, asked: String) async throws {
        let directory = try ChatEndToEndTests.temporaryDirectory("compression-host")
        try HistoryEndToEndTests.seed(into: directory, count: HistoryEndToEndTests.messageCount)
        let host = try await ChatEndToEndTests.startHost(dataDirectory: directory)
        defer { Task { await host.shutdown() } }
        let home = try ChatEndToEndTests.temporaryDirectory("compression-\(flag ?? "auto")")
        let log = home.appendingPathComponent("chat.log").path
        let client = try TmuxTerminal(
            command: [try ChatEndToEndTests.executable(), "--host", host.url, "--log-file", log, "--since", "all"]
                + (flag.map { ["--compression", $0] } ?? []),
            columns: 100, rows: 24,
            environment: ["HOME": home.path, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "tmux-256color"])
        defer { client.close() }

        let newest = HistoryEndToEndTests.messageCount - 1
        let screen = try await client.waitForScreen { HistoryEndToEndTests.numbers($0).last == newest }
        #expect(screen.contains("connected"), "\(screen)")
        // Everything was loaded at once: the top of the log is the first message, no page to fetch.
        try client.press("C-Home")
        let top = try await client.waitForScreen { HistoryEndToEndTests.numbers($0).first == 0 }
        #expect(!top.contains("loading older messages"), "\(top)")
        let written = try String(contentsOfFile: log, encoding: .utf8)
        #expect(written.contains("for \(asked) compression (--compression \(flag ?? "auto"))"), "\(written)")
    }
}
