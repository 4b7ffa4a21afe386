import Testing
@testable import SpacetimeDB

/// ``ResponseWatchdog``'s verdicts and the send times it reads from ``PendingReducerCalls``.
@Suite struct ResponseWatchdogTests {
    struct Case: Sendable, CustomStringConvertible {
        let label: String
        /// Seconds after the base instant; nil: nothing awaits an answer.
        let oldestSent: Double?
        let now: Double
        let expected: Expected
        var description: String { label }
    }

    enum Expected: Sendable, Equatable {
        case idle
        case checkAgainAt(Double)
        case giveUp
    }

    static let cases: [Case] = [
        Case(label: "nothing awaits", oldestSent: nil, now: 100, expected: .idle),
        Case(label: "just sent", oldestSent: 10, now: 10, expected: .checkAgainAt(40)),
        Case(label: "waiting, within the limit", oldestSent: 10, now: 39.9, expected: .checkAgainAt(40)),
        Case(label: "exactly at the limit", oldestSent: 10, now: 40, expected: .giveUp),
        Case(label: "past the limit", oldestSent: 10, now: 75, expected: .giveUp),
    ]

    @Test(arguments: cases) func verdicts(_ example: Case) {
        let base = ContinuousClock.now
        func at(_ seconds: Double) -> ContinuousClock.Instant { base + .milliseconds(Int64(seconds * 1000)) }
        let watchdog = ResponseWatchdog(timeout: .seconds(30))
        let verdict = watchdog.verdict(oldestUnansweredSentAt: example.oldestSent.map(at), now: at(example.now))
        switch example.expected {
        case .idle: #expect(verdict == .idle)
        case .giveUp: #expect(verdict == .giveUp)
        case .checkAgainAt(let seconds): #expect(verdict == .checkAgain(at: at(seconds)))
        }
    }

    @Test func oldestSendTimeCountsOnlyCallsSentOnTheGivenConnection() {
        let base = ContinuousClock.now
        var calls = PendingReducerCalls()
        for id in UInt32(1)...4 { calls.add(.init(requestId: id, reducerName: "send_message", args: [])) }
        #expect(calls.oldestSentAt(onGeneration: 2) == nil, "nothing sent yet")
        calls.markSent(requestId: 1, generation: 1, at: base)
        calls.markSent(requestId: 3, generation: 2, at: base + .seconds(5))
        calls.markSent(requestId: 2, generation: 2, at: base + .seconds(7))
        #expect(calls.oldestSentAt(onGeneration: 2) == base + .seconds(5))
        #expect(calls.oldestSentAt(onGeneration: 1) == base)
        _ = calls.take(requestId: 3, reducerName: nil)
        #expect(calls.oldestSentAt(onGeneration: 2) == base + .seconds(7), "an answer moves the oldest on")
        _ = calls.takeInFlight()
        #expect(calls.oldestSentAt(onGeneration: 2) == nil, "call 4 was never sent")
    }
}
