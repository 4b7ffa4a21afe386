import NIOConcurrencyHelpers
import NIOCore

/// Counts subscribers reaching each milestone (a number of updates received) and completes a
/// future once all `clients` have: subscribers report twice per run, not on every arrival.
final class FanoutMilestones: Sendable {
    private let waiting: [NIOLockedValueBox<Int>]
    private let reached: [EventLoopPromise<Void>]

    init(count: Int, clients: Int, on loop: any EventLoop) {
        waiting = (0..<count).map { _ in NIOLockedValueBox(clients) }
        reached = (0..<count).map { _ in loop.makePromise(of: Void.self) }
        if clients == 0 { for promise in reached { promise.succeed(()) } }
    }

    /// Called by a subscriber when it reaches milestone `index`.
    func report(_ index: Int) {
        let left = waiting[index].withLockedValue { value -> Int in
            value -= 1
            return value
        }
        if left == 0 { reached[index].succeed(()) }
    }

    /// Marks milestone `index` reached without waiting (a milestone no subscriber can report, such
    /// as zero updates).
    func pass(_ index: Int) { reached[index].succeed(()) }

    /// Fails every milestone not yet reached (a subscriber's connection failed).
    func fail(_ error: any Error) {
        for promise in reached { promise.fail(error) }
    }

    /// Waits until every subscriber has reached milestone `index`.
    func wait(for index: Int) async throws { try await reached[index].futureResult.get() }
}
