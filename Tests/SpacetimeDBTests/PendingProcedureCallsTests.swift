import Testing
@testable import SpacetimeDB

/// The pending procedure call table on its own: matching by id, and which calls a drop fails.
@Suite struct PendingProcedureCallsTests {
    /// Calls 1...4; `sent` are the ids that went out (on transport 1).
    static func table(sent: [UInt32]) -> PendingProcedureCalls {
        var calls = PendingProcedureCalls()
        for id in UInt32(1)...4 { calls.add(requestId: id) { _, _ in } }
        for id in sent { calls.markSent(requestId: id, generation: 1) }
        return calls
    }

    @Test(arguments: [
        ([UInt32](), [UInt32]([1, 2, 3, 4])),
        ([UInt32]([1, 3]), [UInt32]([2, 4])),
        ([UInt32]([1, 2, 3, 4]), [UInt32]()),
    ])
    func aDropTakesOnlyTheSentCalls(_ sent: [UInt32], _ kept: [UInt32]) {
        var calls = Self.table(sent: sent)
        #expect(calls.takeInFlight().map(\.sentOnGeneration) == sent.map { _ in 1 })
        #expect(calls.count == kept.count)
        for id in kept { #expect(calls.take(requestId: id) != nil, "call \(id) kept") }
        for id in sent { #expect(calls.take(requestId: id) == nil, "call \(id) taken by the drop") }
    }

    @Test func eachResultTakesItsCallOnce() {
        var calls = Self.table(sent: [2])
        #expect(calls.take(requestId: 9) == nil)
        #expect(calls.take(requestId: 2)?.sentOnGeneration == 1)
        #expect(calls.take(requestId: 2) == nil)
        #expect(calls.take(requestId: 3)?.sentOnGeneration == nil)
        #expect(calls.takeAll().count == 2)
        #expect(calls.count == 0)
    }

    @Test func markingAnAnsweredCallDoesNotBringItBack() {
        var calls = Self.table(sent: [])
        _ = calls.take(requestId: 1)
        calls.markSent(requestId: 1, generation: 3)
        #expect(calls.count == 3)
        #expect(calls.takeInFlight().isEmpty)
    }
}
