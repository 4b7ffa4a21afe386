import Testing

@testable import ChatHost

/// The group-commit hold: a sync waits for the callers the last sync acknowledged, only while they are
/// not all back, and never past its deadline (at least the last sync's duration, or what the callers'
/// returns taught it, and never more than `maxHold`).
@Suite struct SyncHoldTests {
    static let start = ContinuousClock.now

    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let acknowledged: Set<UInt64>
        let syncDuration: Duration
        let arrivals: [UInt64]
        /// When the next sync is wanted, after the acknowledgement.
        let askedAfter: Duration
        /// The expected wait (nil: sync at once).
        let holdsUntil: Duration?
    }

    static let cases: [Case] = [
        Case(description: "nobody was acknowledged", acknowledged: [], syncDuration: .milliseconds(1), arrivals: [],
             askedAfter: .zero, holdsUntil: nil),
        Case(description: "callers not back: wait one sync's duration", acknowledged: [1, 2], syncDuration: .microseconds(500),
             arrivals: [1], askedAfter: .microseconds(100), holdsUntil: .microseconds(500)),
        Case(description: "a slow sync waits at most maxHold", acknowledged: [1, 2], syncDuration: .milliseconds(30),
             arrivals: [], askedAfter: .zero, holdsUntil: .milliseconds(5)),
        Case(description: "every caller back: no wait", acknowledged: [1, 2], syncDuration: .milliseconds(1),
             arrivals: [2, 1], askedAfter: .zero, holdsUntil: nil),
        Case(description: "past the deadline: no wait", acknowledged: [1, 2], syncDuration: .milliseconds(1),
             arrivals: [], askedAfter: .milliseconds(1), holdsUntil: nil),
        Case(description: "someone else calling does not end the wait", acknowledged: [1], syncDuration: .milliseconds(1),
             arrivals: [7], askedAfter: .zero, holdsUntil: .milliseconds(1)),
    ]

    @Test(arguments: cases)
    func holdsOnlyForAbsentCallersUntilTheDeadline(_ example: Case) {
        var hold = SyncHold()
        hold.acknowledged(callers: example.acknowledged, at: Self.start, syncDuration: example.syncDuration)
        for caller in example.arrivals { _ = hold.arrived(caller, at: Self.start) }
        let deadline = hold.deadline(now: Self.start + example.askedAfter)
        #expect(deadline == example.holdsUntil.map { Self.start + $0 })
    }

    @Test func theLastAbsentCallerReleasesTheHold() {
        var hold = SyncHold()
        hold.acknowledged(callers: [1, 2, 3], at: Self.start, syncDuration: .milliseconds(1))
        #expect(hold.arrived(2, at: Self.start) == false)
        #expect(hold.arrived(9, at: Self.start) == false)
        #expect(hold.arrived(2, at: Self.start) == false)
        #expect(hold.arrived(1, at: Self.start) == false)
        #expect(hold.arrived(3, at: Self.start) == true)
        #expect(hold.deadline(now: Self.start) == nil)
    }

    /// Callers that take longer to come back than a sync takes: the next holds long enough for them.
    @Test func theHoldLearnsHowLongCallersTakeToComeBack() {
        var hold = SyncHold()
        var now = Self.start
        let sync = Duration.microseconds(100)
        hold.acknowledged(callers: [1, 2], at: now, syncDuration: sync)
        #expect(hold.deadline(now: now) == now + sync)
        // Both come back 300 µs after their results: after the hold (100 µs) ended.
        _ = hold.arrived(1, at: now + .microseconds(250))
        _ = hold.arrived(2, at: now + .microseconds(300))
        now += .microseconds(400)
        hold.acknowledged(callers: [1, 2], at: now, syncDuration: sync)
        #expect(hold.returnTime == .microseconds(300))
        #expect(hold.deadline(now: now) == now + .microseconds(375))
        // Smoothed: one quicker round moves the estimate a quarter of the way.
        _ = hold.arrived(1, at: now + .microseconds(100))
        _ = hold.arrived(2, at: now + .microseconds(100))
        now += .microseconds(400)
        hold.acknowledged(callers: [1, 2], at: now, syncDuration: sync)
        #expect(hold.returnTime == .microseconds(250))
    }

    /// A caller that comes back only after `maxHold` (a person, not a loop) teaches the hold nothing,
    /// and the hold never exceeds `syncsHeld` syncs' time, whatever it learned.
    @Test func lateReturnsAreNotLearnedAndTheHoldStaysBounded() {
        var hold = SyncHold()
        var now = Self.start
        hold.acknowledged(callers: [1], at: now, syncDuration: .microseconds(100))
        _ = hold.arrived(1, at: now + .seconds(2))
        now += .seconds(3)
        hold.acknowledged(callers: [1], at: now, syncDuration: .microseconds(100))
        #expect(hold.returnTime == .zero)
        #expect(hold.deadline(now: now) == now + .microseconds(100))
        _ = hold.arrived(1, at: now + .milliseconds(4.8))
        now += .milliseconds(6)
        hold.acknowledged(callers: [1], at: now, syncDuration: .microseconds(100))
        #expect(hold.returnTime == .milliseconds(4.8))
        #expect(hold.deadline(now: now) == now + .microseconds(100) * SyncHold.syncsHeld)
    }
}
