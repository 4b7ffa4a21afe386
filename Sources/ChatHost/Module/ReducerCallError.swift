/// Why a reducer call did not commit, with the text SpacetimeDB reports.
public enum ReducerCallError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The module has no reducer of that name (`no such reducer`).
    case noSuchReducer(String)
    /// The argument bytes do not decode as the reducer's parameters.
    case invalidArguments(reducer: String, reason: String)
    /// A client tried to call a lifecycle reducer (`init`, `identity_connected`, `identity_disconnected`).
    case lifecycleReducer(reducer: String, lifecycle: String)
    /// The reducer ran and returned `Err(message)`; the transaction was rolled back.
    case reducerFailed(String)

    /// Whether the call never reached the reducer (SpacetimeDB's "enqueue" failures, which v2 reports
    /// as `InternalError`), as opposed to the reducer itself returning an error.
    public var isRejectedBeforeRunning: Bool {
        if case .reducerFailed = self { return false }
        return true
    }

    /// The text shown to users and in logs.
    public var description: String {
        switch self {
        case .noSuchReducer: return "no such reducer"
        case .invalidArguments(let reducer, let reason): return "invalid arguments for reducer \(reducer): \(reason)"
        case .lifecycleReducer(_, let lifecycle): return "can't directly call special \(lifecycle) lifecycle reducer"
        case .reducerFailed(let message): return message
        }
    }
}
