import SpacetimeDB

/// Decides how messages that arrive while the reader is away reach them: the bell, the unread count
/// in the terminal title, and the unread marker. Pure: the terminal glue carries out its actions.
///
/// The reader is *away* while the terminal is not focused (focus reporting, `CSI ? 1004 h`) or the
/// log is scrolled up; *present* otherwise. A terminal that never reports focus counts as focused.
///
/// Decisions, after senpai (`on-highlight-beep`, `(N)` highlights in its title) and WeeChat (a read
/// marker, `/window scroll_unread` on Alt-U):
/// - Only messages from others count; our own never do. Notices never count.
/// - The title counts *mentions* only (messages that name you): `(2) spacetime-chat`. Every other
///   message is counted by the "new messages below" bar, not the title, so the title means "someone
///   wants you". It clears when the reader is present again. The terminal's own title is saved
///   (title stack) before the first change and put back on exit; once changed, a cleared count
///   shows `spacetime-chat` (not the old title) so a terminal without the stack never shows a stale count.
/// - The bell rings once per batch of arrivals that holds at least one mention while away (a burst
///   of ten mentions read in one go is one bell), unless turned off (`--no-bell`, `/bell off`).
/// - The marker goes on the first message (from others, mention or not) of each away spell, and
///   stays where it is while the reader is present, so they can see where the new part began.
public struct AttentionTracker: Hashable, Sendable {
    /// The title the count is shown in.
    public static let baseTitle = "spacetime-chat"

    /// Whether mentions ring the bell.
    public var bellEnabled = true
    /// Whether the terminal has the focus (true until it reports otherwise).
    public private(set) var isFocused = true
    /// Mentions that arrived while away and have not been seen yet (the title's count).
    public private(set) var unseenMentions = 0
    /// Where the `── new ──` rule goes; nil before anything arrived while away.
    public private(set) var marker: UnreadMarker?

    /// The next arrival while away starts a new away spell and moves the marker.
    private var markerArmed = true
    private var bellOwed = false
    /// The count the title shows; nil while the title was never touched.
    private var shownCount: Int?

    /// A tracker for a focused reader at the end of the log, bell on.
    public init(bellEnabled: Bool = true) {
        self.bellEnabled = bellEnabled
    }

    /// Whether the reader is away: the terminal unfocused or the log scrolled up.
    public func isAway(viewFollowing: Bool) -> Bool { !isFocused || !viewFollowing }

    /// Records a message from someone else that just arrived (live, not history).
    public mutating func messageArrived(at marker: UnreadMarker, mentionsYou: Bool, viewFollowing: Bool) {
        guard isAway(viewFollowing: viewFollowing) else { return }
        if markerArmed {
            self.marker = marker
            markerArmed = false
        }
        if mentionsYou {
            unseenMentions += 1
            if bellEnabled { bellOwed = true }
        }
    }

    /// Records that the terminal gained or lost the focus.
    public mutating func focusChanged(_ focused: Bool) {
        isFocused = focused
    }

    /// Call once after each batch of input and events: clears what a present reader has seen and
    /// returns what the terminal must do, in order.
    public mutating func settle(viewFollowing: Bool) -> [AttentionAction] {
        if !isAway(viewFollowing: viewFollowing) {
            unseenMentions = 0
            markerArmed = true
        }
        var actions: [AttentionAction] = []
        if bellOwed {
            actions.append(.ringBell)
            bellOwed = false
        }
        // Untouched until there is something to count; afterwards it follows the count.
        if unseenMentions != (shownCount ?? 0) {
            if shownCount == nil { actions.append(.saveTitle) }
            actions.append(.setTitle(Self.title(count: unseenMentions)))
            shownCount = unseenMentions
        }
        return actions
    }

    /// What to do on exit: put the terminal's title back if it was changed.
    public func finish() -> [AttentionAction] {
        shownCount == nil ? [] : [.restoreTitle]
    }

    /// `(2) spacetime-chat`, or `spacetime-chat` for no count.
    public static func title(count: Int) -> String {
        count > 0 ? "(\(count)) \(baseTitle)" : baseTitle
    }
}
