import ChatHost
import Foundation
import QuickstartChat
import SpacetimeDB
import Testing

/// The history window end to end: a host with days of messages, the real client in tmux.
@Suite(.serialized) struct HistoryEndToEndTests {
    static let messageCount = 3000

    /// `count` messages from five senders, one every 144 s (five days), the newest ten minutes ago.
    static func seed(into directory: URL, count: Int) throws {
        let senders = (0..<5).map { User(identity: Identity(UInt256(UInt64(0xC200_0000 + $0))), name: "user\($0)", online: false) }
        let newest = Timestamp.now().microsecondsSinceUnixEpoch - 600_000_000
        let messages = (0..<count).map { index in
            Message(
                sender: senders[index % senders.count].identity,
                sent: Timestamp(microsecondsSinceUnixEpoch: newest - Int64(count - 1 - index) * 144_000_000),
                text: String(format: "history-%04d", index))
        }
        try ChatHost.importRows(users: senders, messages: messages, into: directory)
    }

    /// The message numbers on a screen, top to bottom.
    static func numbers(_ screen: String) -> [Int] {
        screen.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: #"history-\d{4}"#, options: .regularExpression) else { return nil }
            return Int(line[range].dropFirst("history-".count))
        }
    }

    /// Waits until a whole frame shows `condition`, then until two whole frames 50 ms apart agree.
    ///
    /// A capture can land in the middle of a paint: tmux shows what the client has written so far,
    /// and curses writes a frame of this screen in more than one `write` (its buffer holds about
    /// (rows + 2) × (columns + 6) bytes), so on a loaded machine the client can be descheduled between
    /// two of them for longer than 50 ms: rows above already new, rows below still old, which reads
    /// as messages out of order. Curses puts the cursor on the input line after every row of the
    /// frame, so a capture taken with the cursor there (read in the same tmux command) is whole.
    static func settledScreen(
        of client: TmuxTerminal, sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool
    ) async throws -> String {
        let deadline = Date().addingTimeInterval(60)
        var previous: String?
        var last = ""
        while Date() < deadline {
            let (screen, cursorRow) = try client.screenAndCursorRow()
            last = screen
            if isWholeFrame(screen, cursorRow: cursorRow), condition(screen) {
                if screen == previous { return screen }
                previous = screen
                try await Task.sleep(for: .milliseconds(50))
            } else {
                previous = nil
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        Issue.record("the screen never settled in the awaited state:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    /// Whether the cursor is on the input line (`>`), where curses leaves it once a frame is written.
    static func isWholeFrame(_ screen: String, cursorRow: Int?) -> Bool {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let cursorRow, cursorRow < lines.count else { return false }
        return lines[cursorRow].hasPrefix(">")
    }

    @Test func scrollingUpLoadsEveryOlderPageOnceAndInOrder() async throws {
        let directory = try ChatEndToEndTests.temporaryDirectory("history-host")
        try Self.seed(into: directory, count: Self.messageCount)
        let host = try await ChatEndToEndTests.startHost(dataDirectory: directory)
        defer { Task { await host.shutdown() } }
        let client = try ChatEndToEndTests.client("history", host: host, columns: 100, rows: 24)
        defer { client.close() }

        // The newest screenful at once, in order, ending with the newest message.
        let first = try await Self.settledScreen(of: client) { Self.numbers($0).last == Self.messageCount - 1 }
        let shown = Self.numbers(first)
        #expect(shown.count >= 15, "a screenful of messages:\n\(first)")
        #expect(shown == Array((Self.messageCount - shown.count)..<Self.messageCount), "newest, in order:\n\(first)")

        // To the top, page after page, until the beginning of history.
        var reachedBeginning = false
        var lastScreen = ""
        for _ in 0..<200 {
            try client.press("C-Home")
            let screen = try await Self.settledScreen(of: client) { !$0.contains("loading older messages…") && !Self.numbers($0).isEmpty }
            lastScreen = screen
            if screen.contains("beginning of history") {
                reachedBeginning = true
                #expect(Self.numbers(screen).first == 0, "the oldest message under the line:\n\(screen)")
                break
            }
        }
        #expect(reachedBeginning, "the last screen:\n\(lastScreen)")

        // Down through the whole log: every message exactly once and in order.
        var seen: [Int] = []
        var screen = try await Self.settledScreen(of: client) { _ in true }
        for _ in 0..<1000 {
            let numbers = Self.numbers(screen)
            #expect(numbers == numbers.sorted() && Set(numbers).count == numbers.count, "in order, no repeats:\n\(screen)")
            let overlap = numbers.prefix { $0 <= (seen.last ?? -1) }
            #expect(Array(seen.suffix(overlap.count)) == Array(overlap), "pages join where they left off:\n\(screen)")
            seen += numbers.dropFirst(overlap.count)
            if numbers.last == Self.messageCount - 1 { break }
            let before = screen
            try client.press("NPage")
            screen = try await Self.settledScreen(of: client) { $0 != before }
        }
        #expect(seen.count == Self.messageCount)
        #expect(seen.enumerated().first { $0.offset != $0.element }.map(\.offset) == nil, "every message once, in order")
    }
}
