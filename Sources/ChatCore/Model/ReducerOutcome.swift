/// How the server answered one of our reducer calls.
public enum ReducerOutcome: Hashable, Sendable {
    /// The transaction committed.
    case committed
    /// The reducer returned an error (its exact text, e.g. `Messages must not be empty`), ran out of
    /// energy, or the call could not be run at all.
    case failed(String)
}
