import Testing

@testable import ChatTerminal

/// Issue 12, item 2: a terminal without cursor addressing is refused before curses starts.
@Suite(.serialized) struct TerminalSuitabilityTests {
    @Test(arguments: [
        (Int32(1), "xterm", TerminalSuitability.usable),
        (0, "dumb", .noCursorAddressing(term: "dumb")),
        (-1, "vt-nonesuch", .unknownTerminal(term: "vt-nonesuch")),
        (-2, "xterm", .noTerminfo),
    ])
    func interpretsTheProbe(result: Int32, term: String, expected: TerminalSuitability) {
        let suitability = TerminalSuitability(probeResult: result, term: term)
        #expect(suitability == expected)
        #expect((suitability.refusal == nil) == (expected == .usable))
    }

    /// The real terminfo database (ncurses-base): `dumb` has no `cup`, xterm and tmux do.
    @Test func asksTerminfo() {
        #expect(TerminalSuitability.probe(term: "dumb") == .noCursorAddressing(term: "dumb"))
        #expect(TerminalSuitability.probe(term: "xterm-256color") == .usable)
        #expect(TerminalSuitability.probe(term: "tmux-256color") == .usable)
        #expect(TerminalSuitability.probe(term: "no-such-terminal-type") == .unknownTerminal(term: "no-such-terminal-type"))
        #expect(TerminalSuitability.probe(term: nil) == .unknownTerminal(term: nil))
        #expect(TerminalSuitability.probe(term: "").refusal?.contains("TERM is not set") == true)
        #expect(TerminalSuitability.noCursorAddressing(term: "dumb").refusal?.contains("\"dumb\" cannot move the cursor") == true)
    }
}
