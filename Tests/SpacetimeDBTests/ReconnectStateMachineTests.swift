import Testing
@testable import SpacetimeDB

@Suite struct ReconnectStateMachineTests {
    typealias Machine = ReconnectStateMachine
    static let alice = Identity(UInt256(UInt64(1)))
    static let bob = Identity(UInt256(UInt64(2)))
    static let lost = DbConnectionError.connectionLost("reset")

    enum Step: CustomStringConvertible {
        case start, identified(Identity), lost(DbConnectionError?), timer, disconnect
        var description: String {
            switch self {
            case .start: return "start"
            case .identified(let identity): return "identified(\(identity.value))"
            case .lost(let error): return "lost(\(error.map { "\($0)" } ?? "nil"))"
            case .timer: return "timer"
            case .disconnect: return "disconnect"
            }
        }
    }

    struct Case: CustomStringConvertible {
        let name: String
        let policy: ReconnectPolicy?
        let steps: [(Step, Machine.Action)]
        var description: String { name }
    }

    static let policy = ReconnectPolicy(initialDelay: .seconds(1), maximumDelay: .seconds(30), jitter: 0)

    static let cases: [Case] = [
        Case(name: "first connect reports connected", policy: nil, steps: [
            (.start, .connect), (.identified(alice), .reportConnected),
        ]),
        Case(name: "without reconnect a drop stops with the error", policy: nil, steps: [
            (.start, .connect), (.identified(alice), .reportConnected), (.lost(lost), .stop(lost)),
        ]),
        Case(name: "a failed first attempt is a connect error, not a retry", policy: policy, steps: [
            (.start, .connect), (.lost(.httpStatus(code: 503, reason: "Service Unavailable", body: "")),
                                 .failInitialConnect(.httpStatus(code: 503, reason: "Service Unavailable", body: ""))),
        ]),
        Case(name: "backoff doubles to the cap, reconnect resubscribes and resets it", policy: policy, steps: [
            (.start, .connect), (.identified(alice), .reportConnected),
            (.lost(lost), .scheduleRetry(attempt: 1, delay: .seconds(1))), (.timer, .connect),
            (.lost(.connectFailed("refused")), .scheduleRetry(attempt: 2, delay: .seconds(2))), (.timer, .connect),
            (.lost(.timedOut), .scheduleRetry(attempt: 3, delay: .seconds(4))), (.timer, .connect),
            (.lost(lost), .scheduleRetry(attempt: 4, delay: .seconds(8))), (.timer, .connect),
            (.lost(lost), .scheduleRetry(attempt: 5, delay: .seconds(16))), (.timer, .connect),
            (.lost(lost), .scheduleRetry(attempt: 6, delay: .seconds(30))), (.timer, .connect),
            (.lost(lost), .scheduleRetry(attempt: 7, delay: .seconds(30))), (.timer, .connect),
            (.identified(alice), .resubscribe),
            (.lost(lost), .scheduleRetry(attempt: 1, delay: .seconds(1))),
        ]),
        Case(name: "401 and 404 stop reconnecting", policy: policy, steps: [
            (.start, .connect), (.identified(alice), .reportConnected),
            (.lost(lost), .scheduleRetry(attempt: 1, delay: .seconds(1))), (.timer, .connect),
            (.lost(.httpStatus(code: 401, reason: "Unauthorized", body: "bad token")),
             .stop(.httpStatus(code: 401, reason: "Unauthorized", body: "bad token"))),
        ]),
        Case(name: "404 while reconnecting stops", policy: policy, steps: [
            (.start, .connect), (.identified(alice), .reportConnected),
            (.lost(lost), .scheduleRetry(attempt: 1, delay: .seconds(1))), (.timer, .connect),
            (.lost(.httpStatus(code: 404, reason: "Not Found", body: "")), .stop(.httpStatus(code: 404, reason: "Not Found", body: ""))),
        ]),
        Case(name: "a changed identity stops", policy: policy, steps: [
            (.start, .connect), (.identified(alice), .reportConnected),
            (.lost(lost), .scheduleRetry(attempt: 1, delay: .seconds(1))), (.timer, .connect),
            (.identified(bob), .stop(.identityChanged(old: alice, new: bob))),
            (.lost(nil), .none),
        ]),
        Case(name: "disconnect while connected closes, then stops cleanly", policy: policy, steps: [
            (.start, .connect), (.identified(alice), .reportConnected),
            (.disconnect, .closeTransport), (.lost(nil), .stop(nil)), (.timer, .none),
        ]),
        Case(name: "disconnect while waiting stops at once and the timer is ignored", policy: policy, steps: [
            (.start, .connect), (.identified(alice), .reportConnected),
            (.lost(lost), .scheduleRetry(attempt: 1, delay: .seconds(1))),
            (.disconnect, .stop(nil)), (.timer, .none),
        ]),
        Case(name: "the server closing with an error after disconnect is still a clean stop", policy: policy, steps: [
            (.start, .connect), (.identified(alice), .reportConnected),
            (.disconnect, .closeTransport), (.lost(.closedByServer(code: 1001, reason: "module exited")), .stop(nil)),
        ]),
    ]

    @Test(arguments: cases)
    func table(_ testCase: Case) {
        var machine = Machine(policy: testCase.policy, random: { 0.5 })
        for (index, (step, expected)) in testCase.steps.enumerated() {
            let action: Machine.Action
            switch step {
            case .start: action = machine.start()
            case .identified(let identity): action = machine.identified(as: identity)
            case .lost(let error): action = machine.connectionLost(error)
            case .timer: action = machine.retryTimerFired()
            case .disconnect: action = machine.disconnect()
            }
            #expect(action == expected, "step \(index): \(step)")
        }
    }

    @Test func jitterShavesOffUpToItsFraction() {
        let policy = ReconnectPolicy(initialDelay: .seconds(1), maximumDelay: .seconds(30), jitter: 0.25)
        #expect(policy.delay(forAttempt: 1, random: 0) == .seconds(1))
        #expect(policy.delay(forAttempt: 1, random: 1) == .milliseconds(750))
        #expect(policy.delay(forAttempt: 3, random: 0.5) == .seconds(4) * 0.875)
        #expect(policy.delay(forAttempt: 40, random: 0) == .seconds(30))
        var machine = Machine(policy: policy, random: { 1 })
        _ = machine.start()
        _ = machine.identified(as: Self.alice)
        #expect(machine.connectionLost(Self.lost) == .scheduleRetry(attempt: 1, delay: .milliseconds(750)))
    }

    @Test func attemptLimitStops() {
        var machine = Machine(policy: ReconnectPolicy(jitter: 0, maximumAttempts: 1), random: { 0 })
        _ = machine.start()
        _ = machine.identified(as: Self.alice)
        #expect(machine.connectionLost(Self.lost) == .scheduleRetry(attempt: 1, delay: .seconds(1)))
        #expect(machine.retryTimerFired() == .connect)
        #expect(machine.connectionLost(Self.lost) == .stop(Self.lost))
        #expect(machine.state == .closed(Self.lost))
    }
}
