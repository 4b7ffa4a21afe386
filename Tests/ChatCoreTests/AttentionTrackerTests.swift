import ChatCore
import SpacetimeDB
import Testing

/// The bell, title and unread-marker decisions, as a table of what happens and what the terminal
/// is told to do.
@Suite struct AttentionTrackerTests {
    /// One thing that happens to the tracker.
    enum Step: Sendable {
        /// Message number `n` (its entry id) arrives; whether it names us.
        case arrive(UInt64, mention: Bool)
        /// The terminal reports focus in (true) or out (false).
        case focus(Bool)
        /// The reader scrolls up (true) or back to the end (false).
        case scrolledUp(Bool)
        /// The UI settles after a batch (every redraw).
        case settle
        /// `/bell on|off`.
        case bell(Bool)
    }

    static let one = AttentionAction.setTitle("(1) spacetime-chat")
    static let two = AttentionAction.setTitle("(2) spacetime-chat")
    static let cleared = AttentionAction.setTitle("spacetime-chat")

    static let table: [(String, [Step], [AttentionAction], UInt64?, Int)] = [
        ("present: a mention is seen where it lands", [.arrive(1, mention: true), .settle], [], nil, 0),
        ("unfocused: a mention rings once and counts in the title",
         [.focus(false), .arrive(1, mention: true), .settle], [.ringBell, .saveTitle, one], 1, 1),
        ("scrolled up (focused): the same",
         [.scrolledUp(true), .arrive(1, mention: true), .settle], [.ringBell, .saveTitle, one], 1, 1),
        ("away, no mention: the marker only", [.focus(false), .arrive(1, mention: false), .settle], [], 1, 0),
        ("two mentions in one batch: one bell, count 2",
         [.focus(false), .arrive(1, mention: true), .arrive(2, mention: true), .settle], [.ringBell, .saveTitle, two], 1, 2),
        ("two batches: a bell each, the title follows the count",
         [.focus(false), .arrive(1, mention: true), .settle, .arrive(2, mention: false), .settle, .arrive(3, mention: true), .settle],
         [.ringBell, .saveTitle, one, .ringBell, two], 1, 2),
        ("focus back at the end: the count clears, the marker stays",
         [.focus(false), .arrive(1, mention: true), .settle, .focus(true), .settle], [.ringBell, .saveTitle, one, cleared], 1, 0),
        ("focus back but still scrolled up: the mention is still below, the count stays",
         [.scrolledUp(true), .focus(false), .arrive(1, mention: true), .settle, .focus(true), .settle],
         [.ringBell, .saveTitle, one], 1, 1),
        ("scrolled back to the end: the count clears",
         [.scrolledUp(true), .arrive(1, mention: true), .settle, .scrolledUp(false), .settle], [.ringBell, .saveTitle, one, cleared], 1, 0),
        ("the next away spell moves the marker",
         [.focus(false), .arrive(1, mention: false), .settle, .focus(true), .settle, .focus(false), .arrive(2, mention: false), .settle],
         [], 2, 0),
        ("one away spell keeps its first message",
         [.focus(false), .arrive(1, mention: false), .settle, .arrive(2, mention: true), .settle], [.ringBell, .saveTitle, one], 1, 1),
        ("away and back with nothing new: the marker stays put",
         [.focus(false), .arrive(1, mention: false), .settle, .focus(true), .settle, .scrolledUp(true), .settle, .scrolledUp(false), .settle],
         [], 1, 0),
        ("bell off: the title still counts", [.bell(false), .focus(false), .arrive(1, mention: true), .settle], [.saveTitle, one], 1, 1),
        ("bell back on", [.bell(false), .bell(true), .focus(false), .arrive(1, mention: true), .settle], [.ringBell, .saveTitle, one], 1, 1),
        ("the title is saved once; later counts only set it",
         [.focus(false), .arrive(1, mention: true), .settle, .focus(true), .settle, .focus(false), .arrive(2, mention: true), .settle],
         [.ringBell, .saveTitle, one, cleared, .ringBell, one], 2, 1),
        ("settling with nothing new does nothing",
         [.focus(false), .arrive(1, mention: true), .settle, .settle, .settle], [.ringBell, .saveTitle, one], 1, 1),
    ]

    static func time(_ n: UInt64) -> Timestamp { Timestamp(microsecondsSinceUnixEpoch: Int64(n) * 1_000_000) }

    /// Runs the steps; returns every action and the tracker at the end.
    static func run(_ steps: [Step]) -> ([AttentionAction], AttentionTracker) {
        var tracker = AttentionTracker()
        var following = true
        var actions: [AttentionAction] = []
        for step in steps {
            switch step {
            case .arrive(let n, let mention):
                tracker.messageArrived(at: UnreadMarker(id: EntryID(n), time: time(n)), mentionsYou: mention, viewFollowing: following)
            case .focus(let focused): tracker.focusChanged(focused)
            case .scrolledUp(let up): following = !up
            case .settle: actions += tracker.settle(viewFollowing: following)
            case .bell(let on): tracker.bellEnabled = on
            }
        }
        return (actions, tracker)
    }

    @Test(arguments: table)
    func decides(_ row: (String, [Step], [AttentionAction], UInt64?, Int)) {
        let (actions, tracker) = Self.run(row.1)
        #expect(actions == row.2, "\(row.0)")
        #expect(tracker.marker?.id == row.3.map(EntryID.init), "\(row.0): marker")
        #expect(tracker.unseenMentions == row.4, "\(row.0): unseen mentions")
    }

    /// On exit the title goes back only if it was ever changed.
    @Test func restoresTheTitleOnlyIfItChangedIt() {
        #expect(Self.run([.focus(false), .arrive(1, mention: false), .settle]).1.finish() == [])
        #expect(Self.run([.focus(false), .arrive(1, mention: true), .settle]).1.finish() == [.restoreTitle])
        #expect(Self.run([.focus(false), .arrive(1, mention: true), .settle, .focus(true), .settle]).1.finish() == [.restoreTitle])
        #expect(AttentionTracker().finish() == [])
    }

    @Test(arguments: [(0, "spacetime-chat"), (1, "(1) spacetime-chat"), (12, "(12) spacetime-chat")])
    func titles(count: Int, expected: String) {
        #expect(AttentionTracker.title(count: count) == expected)
    }
}
