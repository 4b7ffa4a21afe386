/// Why a procedure call produced no return value.
public enum ProcedureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The module ran out of energy.
    case outOfEnergy
    /// The host reported an error (unknown procedure, bad arguments, the procedure failed...), with its text.
    case internalError(String)
    /// The connection ended before the result arrived.
    case disconnected
    /// The returned bytes did not decode as the declared return type.
    case undecodableReturn(String)

    /// A sentence saying what went wrong and what to check.
    public var description: String {
        switch self {
        case .outOfEnergy:
            return "procedure failed: the database ran out of energy; add energy to it and call again"
        case .internalError(let message):
            return "procedure failed: \(message)"
        case .disconnected:
            return "procedure call has no result: the connection ended before it arrived, so it may or may not have run"
        case .undecodableReturn(let reason):
            return "procedure returned a value that does not decode as the declared type (\(reason)); "
                + "regenerate the bindings for this module"
        }
    }
}
