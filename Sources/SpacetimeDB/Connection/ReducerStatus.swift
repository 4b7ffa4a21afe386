/// How a reducer call ended, the same whichever protocol version carried it.
public enum ReducerStatus: Sendable, Hashable, CustomStringConvertible {
    /// The transaction committed.
    case committed
    /// The reducer returned an error; the text is its message (e.g. `Names must not be empty`).
    case failed(String)
    /// The reducer ran out of energy.
    case outOfEnergy
    /// The call could not run: unknown reducer, bad arguments, a panic, or the connection dropped.
    case internalError(String)

    /// Whether the transaction committed.
    public var isCommitted: Bool { self == .committed }

    /// The error text for anything but a commit.
    public var errorMessage: String? {
        switch self {
        case .committed: return nil
        case .failed(let message), .internalError(let message): return message
        case .outOfEnergy: return "the reducer ran out of energy"
        }
    }

    public var description: String {
        switch self {
        case .committed: return "committed"
        case .failed(let message): return "failed: \(message)"
        case .outOfEnergy: return "out of energy"
        case .internalError(let message): return "internal error: \(message)"
        }
    }
}
