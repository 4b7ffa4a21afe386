import Foundation

/// Why the terminal event loop could not start or continue.
public enum TerminalLoopError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A system call failed with `errno`.
    case systemCall(String, Int32)
    /// Standard input is not a terminal.
    case notATerminal

    public var description: String {
        switch self {
        case .systemCall(let name, let code):
            return "\(name) failed: \(String(cString: strerror(code)))"
        case .notATerminal:
            return "standard input is not a terminal; run spacetime-chat in an interactive terminal"
        }
    }
}
