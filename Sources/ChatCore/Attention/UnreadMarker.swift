import SpacetimeDB

/// The first message that arrived while the reader was away: the log draws a `── new ──` rule
/// before it, and Alt-U jumps to it. Named by entry (id and time), so it survives inserts above it.
public struct UnreadMarker: Hashable, Sendable {
    /// The entry's id.
    public var id: EntryID
    /// The entry's time, to find it in the log by binary search.
    public var time: Timestamp

    /// Creates a marker at an entry.
    public init(id: EntryID, time: Timestamp) {
        self.id = id
        self.time = time
    }
}
