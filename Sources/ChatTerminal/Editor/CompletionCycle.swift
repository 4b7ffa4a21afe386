/// The state of a run of Tab presses: which word is being completed and which candidate is shown.
struct CompletionCycle: Equatable, Sendable {
    /// Grapheme index where the completed word starts.
    var wordStart: Int
    /// Candidates matching the typed prefix, in the caller's order.
    var matches: [String]
    /// Index into `matches` currently inserted.
    var index: Int
    /// Graphemes the current insertion (name plus suffix) occupies.
    var insertedCount: Int
}
