import Foundation
import Testing

/// Issue 13's styled messages in real terminals (same suite as the other end-to-end tests, so they
/// run one at a time).
extension ChatEndToEndTests {
    /// The SGR parameters in effect where `text` starts on a `capture-pane -e` screen (since the
    /// last reset before it); nil when the text is not on the screen.
    static func sgrParameters(before text: String, in attributedScreen: String) -> Set<Int>? {
        guard let inEffect = attributes(before: text, in: attributedScreen) else { return nil }
        var parameters: Set<Int> = []
        for sequence in inEffect.components(separatedBy: "\u{1b}[").dropFirst() {
            guard let end = sequence.firstIndex(of: "m") else { continue }
            // Colour parameters (38;5;N) are skipped whole so their numbers don't read as attributes.
            var fields = sequence[..<end].split(separator: ";").compactMap { Int($0) }[...]
            while let field = fields.popFirst() {
                if field == 38 || field == 48 { fields = fields.dropFirst(2); continue }
                if field == 0 { parameters.removeAll() } else { parameters.insert(field) }
            }
        }
        return parameters
    }

    /// A styled message typed in one client reads right in another: tags become bold, italic and
    /// underline, the link's URL follows its text, entities decode; `--no-markup` shows it as typed.
    @Test func styledMessageFromAnotherClientIsDrawnWithAttributes() async throws {
        let host = try await Self.startHost()
        defer { Task { await host.shutdown() } }
        let alice = try Self.client("alice", host: host)
        let raw = try Self.client("raw", arguments: ["--host", host.url, "--no-markup"], environment: [:])
        let bob = try Self.client("bob", host: host)
        try await bob.waitForScreen { $0.contains("● connected") }
        try bob.type("<b>loud</b> <i>slanted</i> <u>under</u> &amp; <a href=\"https://x.io/p\">site</a> <b>open")
        try bob.press("Enter")

        let screen = try await alice.waitForScreen { $0.contains("site <https://x.io/p>") }
        #expect(screen.contains("loud slanted under & site <https://x.io/p> <b>open"), "\(screen)")
        let attributed = try alice.screenWithAttributes()
        #expect(Self.sgrParameters(before: "loud", in: attributed)?.contains(1) == true, "bold: \(attributed.debugDescription)")
        #expect(Self.sgrParameters(before: "slanted", in: attributed)?.contains(3) == true, "italic: \(attributed.debugDescription)")
        #expect(Self.sgrParameters(before: "under", in: attributed)?.contains(4) == true, "underline: \(attributed.debugDescription)")
        #expect(Self.sgrParameters(before: "site", in: attributed)?.contains(4) == true, "link text underlined")
        #expect(Self.sgrParameters(before: " <https://x.io/p>", in: attributed)?.contains(2) == true, "URL dimmed")
        #expect(Self.sgrParameters(before: "<b>open", in: attributed)?.contains(1) == false, "unclosed tag is literal, not bold")

        let rawScreen = try await raw.waitForScreen { $0.contains("&amp;") }
        #expect(rawScreen.contains("<b>loud</b> <i>slanted</i>"), "\(rawScreen)")
    }
}

extension ChatEndToEndTests {
    /// `/search` finds a message that is off screen, says where it is, and Esc puts the view back.
    @Test func searchFindsAnOffScreenMessageAndEscRestoresTheView() async throws {
        let host = try await Self.startHost()
        defer { Task { await host.shutdown() } }
        let alice = try Self.client("alice", host: host, columns: 80, rows: 12)
        let bob = try Self.client("bob", host: host, columns: 80, rows: 12)
        try await alice.waitForScreen { $0.contains("2/2 online") }
        try bob.type("the <b>needle</b> in the haystack")
        try bob.press("Enter")
        for number in 1...14 {
            try bob.type("filler \(number)")
            try bob.press("Enter")
        }
        let end = try await alice.waitForScreen { $0.contains("filler 14") }
        #expect(!end.contains("needle"), "off screen before the search:\n\(end)")

        try alice.type("/search NEEDLE")
        try alice.press("Enter")
        let found = try await alice.waitForScreen { $0.contains("the needle in the haystack") }
        #expect(found.contains("search \"NEEDLE\": 1/1"), "\(found)")
        #expect(!found.contains("filler 14"), "the view moved up to the match:\n\(found)")
        let attributed = try alice.screenWithAttributes()
        #expect(Self.sgrParameters(before: "needle", in: attributed)?.isSuperset(of: [1, 7]) == true, "bold and highlighted: \(attributed.debugDescription)")

        try alice.press("Escape")
        let back = try await alice.waitForScreen { $0.contains("filler 14") && !$0.contains("search \"") }
        #expect(!back.contains("needle"), "\(back)")
    }
}
