import Testing

@testable import ChatHost

/// The group-commit hold: a sync waits for the callers the last sync acknowledged, only while they are
/// not all back, and never past its deadline (the shorter of the last sync's duration and `maxHold`).
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
        for caller in example.arrivals { _ = hold.arrived(caller) }
        let deadline = hold.deadline(now: Self.start + example.askedAfter)
        #expect(deadline == example.holdsUntil.map { Self.start + $0 })
    }

    @Test func theLastAbsentCallerReleasesTheHold() {
        var hold = SyncHold()
        hold.acknowledged(callers: [1, 2, 3], at: Self.start, syncDuration: .milliseconds(1))
        #expect(hold.arrived(2) == false)
        #expect(hold.arrived(9) == false)
        #expect(hold.arrived(2) == false)
        #expect(hold.arrived(1) == false)
        #expect(hold.arrived(3) == true)
        #expect(hold.deadline(now: Self.start) == nil)
    }
}
