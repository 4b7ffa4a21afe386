/// Why a test socket operation failed.
enum TestSocketError: Error, CustomStringConvertible {
    case connectFailed(Int32)
    case timedOut(String)
    case closed
    case malformed(String)

    var description: String {
        switch self {
        case .connectFailed(let code): return "connect failed: errno \(code)"
        case .timedOut(let what): return "timed out waiting for \(what)"
        case .closed: return "connection closed by the host"
        case .malformed(let what): return "malformed: \(what)"
        }
    }
}
