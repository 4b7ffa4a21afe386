/// A line of the log, named by entry rather than by screen row so it survives a reflow.
///
/// As a scroll anchor it is the line drawn on the bottom row of the log view: line `lineOffset`
/// (0 = the entry's first wrapped line) of entry `entryIndex`. After a resize the entry may wrap to
/// fewer lines; the painter clamps `lineOffset` to the entry's last line (see `ScrollState.clamp`).
public struct LogAnchor: Hashable, Sendable {
    /// The entry's index in the log.
    public var entryIndex: Int
    /// The wrapped line within the entry, from its top.
    public var lineOffset: Int

    /// Creates an anchor.
    public init(entryIndex: Int, lineOffset: Int) {
        self.entryIndex = entryIndex
        self.lineOffset = lineOffset
    }
}
