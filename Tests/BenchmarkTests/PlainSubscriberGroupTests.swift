import ChatHost
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing

@testable import spacetime_bench

/// The `raw` host-fanout subscribers (``PlainSubscriberGroup``) against the real local host over
/// real sockets: each sees every update once, in order, and a host that goes away is reported,
/// not waited for.
@Suite struct PlainSubscriberGroupTests {
    static func startHost(configure: (inout ChatHostConfiguration) -> Void = { _ in }) async throws -> (ChatHost, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-tests-\(UUID().uuidString)")
        var logger = Logger(label: "bench-tests")
        logger.logLevel = .critical
        var configuration = ChatHostConfiguration(dataDirectory: directory, port: 0, logger: logger)
        configure(&configuration)
        let host = try await ChatHost.start(configuration)
        return (host, directory)
    }

    /// A promise completed at most once: by the first of the callers and a 60 s bound on the wait
    /// (so a subscriber that misses an update fails the test instead of hanging it).
    final class Outcome<Value: Sendable>: Sendable {
        let promise: EventLoopPromise<Value>
        private let completed = NIOLockedValueBox(false)

        init(on loop: any EventLoop) {
            promise = loop.makePromise(of: Value.self)
            let bound = loop.scheduleTask(in: .seconds(60)) { [self] in complete(.failure(TimedOut())) }
            promise.futureResult.whenComplete { _ in bound.cancel() }
        }

        func complete(_ result: Result<Value, any Error>) {
            guard completed.withLockedValue({ done in defer { done = true }; return !done }) else { return }
            promise.completeWith(result)
        }
    }

    struct TimedOut: Error {}

    @Test func everySubscriberRecordsEveryUpdateInOrder() async throws {
        let (host, directory) = try await Self.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let messages = 6
        let waiting = NIOLockedValueBox(5)
        let done = Outcome<Void>(on: group.next())
        let subscribers = try await PlainSubscriberGroup.start(
            clients: 5, threads: 2, port: host.port, on: group.next(), milestones: [messages],
            onMilestone: { _ in
                if waiting.withLockedValue({ $0 -= 1; return $0 }) == 0 { done.complete(.success(())) }
            },
            onFailure: { done.complete(.failure($0)) })
        let sender = try await FanoutClient.connect(group: group, port: host.port)
        var sent: [UInt64] = []
        for index in 0..<messages {
            sent.append(DispatchTime.now().uptimeNanoseconds)
            try await sender.send(text: "test \(index)", requestId: UInt32(index))
        }
        try await done.promise.futureResult.get()
        let arrivals = try await subscribers.stop()
        try? await sender.channel.close()
        try await group.shutdownGracefully()
        await host.shutdown()

        #expect(arrivals.count == 5)
        for subscriber in arrivals {
            #expect(subscriber.count == messages)
            #expect(subscriber == subscriber.sorted())
            // Each update arrived after its message was sent.
            for (arrived, sentAt) in zip(subscriber, sent) { #expect(arrived >= sentAt) }
        }
    }

    /// The host closes a connection silent for `idleTimeout`; a subscriber stays by answering the
    /// host's pings, so one quiet for many timeouts still gets the next update.
    @Test func answeringPingsKeepsAQuietSubscriberConnected() async throws {
        let (host, directory) = try await Self.startHost {
            // Long enough that a loaded machine answers every ping in time (the subscribers are
            // threads of their own), short enough that the wait below spans several timeouts.
            $0.pingInterval = .milliseconds(100)
            $0.idleTimeout = .seconds(3)
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let waiting = NIOLockedValueBox(2)
        let done = Outcome<Void>(on: group.next())
        let subscribers = try await PlainSubscriberGroup.start(
            clients: 2, threads: 2, port: host.port, on: group.next(), milestones: [1],
            onMilestone: { _ in
                if waiting.withLockedValue({ $0 -= 1; return $0 }) == 0 { done.complete(.success(())) }
            },
            onFailure: { done.complete(.failure($0)) })
        try await Task.sleep(nanoseconds: 7_000_000_000)  // more than two idle timeouts
        let sender = try await FanoutClient.connect(group: group, port: host.port)
        try await sender.send(text: "after the quiet", requestId: 1)
        try await done.promise.futureResult.get()
        let arrivals = try await subscribers.stop()
        try? await sender.channel.close()
        try await group.shutdownGracefully()
        await host.shutdown()
        #expect(arrivals.map(\.count) == [1, 1])
    }

    @Test func aHostThatGoesAwayIsReportedAsAFailure() async throws {
        let (host, directory) = try await Self.startHost()
        defer { try? FileManager.default.removeItem(at: directory) }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let failed = Outcome<String>(on: group.next())
        let subscribers = try await PlainSubscriberGroup.start(
            clients: 2, threads: 2, port: host.port, on: group.next(), milestones: [1],
            onMilestone: { _ in }, onFailure: { failed.complete(.success("\($0)")) })
        await host.shutdown()
        let failure = try await failed.promise.futureResult.get()
        #expect(failure.contains("closed"))
        let arrivals = try await subscribers.stop()
        #expect(arrivals.allSatisfy { $0.isEmpty })
        try await group.shutdownGracefully()
    }
}
