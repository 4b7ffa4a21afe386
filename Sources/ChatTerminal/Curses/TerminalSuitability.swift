import CNcurses

/// Whether the terminal named by `TERM` can run a full-screen client, decided before curses starts
/// (curses would otherwise draw a squashed screen on `TERM=dumb`, or exit on an unknown `TERM`).
public enum TerminalSuitability: Sendable, Hashable {
    /// The terminal can address the cursor.
    case usable
    /// It cannot (e.g. `dumb`, a printing terminal).
    case noCursorAddressing(term: String)
    /// `TERM` is unset or names a terminal terminfo does not know.
    case unknownTerminal(term: String?)
    /// There is no terminfo database at all.
    case noTerminfo

    /// Interprets the probe's answer (see ``probe(term:)``): 1 usable, 0 no `cup`, -1 unknown, -2 no database.
    public init(probeResult: Int32, term: String?) {
        switch probeResult {
        case 1: self = .usable
        case 0: self = .noCursorAddressing(term: term ?? "")
        case -2: self = .noTerminfo
        default: self = .unknownTerminal(term: term)
        }
    }

    /// Asks terminfo about the terminal type `term` (`$TERM`) through `setupterm`, without starting
    /// curses. Not thread-safe (terminfo keeps global state): call it from one thread.
    public static func probe(term: String?) -> TerminalSuitability {
        guard let term, !term.isEmpty else { return .unknownTerminal(term: nil) }
        return TerminalSuitability(probeResult: cncurses_probe_terminal(term), term: term)
    }

    /// The stderr line for a terminal that cannot be used; nil when it can.
    public var refusal: String? {
        let advice = "run it in a terminal such as xterm, tmux or screen, with TERM set to match (e.g. TERM=xterm-256color)"
        switch self {
        case .usable:
            return nil
        case .noCursorAddressing(let term):
            return "the terminal type \"\(term)\" cannot move the cursor, which a full-screen chat needs; \(advice)"
        case .unknownTerminal(nil):
            return "TERM is not set, so the terminal's abilities are unknown; \(advice)"
        case .unknownTerminal(let term?):
            return "the terminal type \"\(term)\" is not in the terminfo database; \(advice)"
        case .noTerminfo:
            return "no terminfo database was found (install ncurses-base); \(advice)"
        }
    }
}
