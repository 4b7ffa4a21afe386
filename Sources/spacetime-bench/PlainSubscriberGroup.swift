import ChatHost
import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// Plain-socket subscribers split over threads, each running a ``PlainSubscriberLoop``: the `raw`
/// host-fanout subscribers, and the readers of ``SocketFloorBenchmark``.
final class PlainSubscriberGroup: Sendable {
    /// Per thread, the pipe that stops its loop (read end, write end); both closed by ``stop()``,
    /// so a write never meets a closed read end.
    private let stopPipes: [(Int32, Int32)]
    /// Per thread, its subscribers' arrivals once its loop has stopped.
    private let finished: [EventLoopFuture<[[UInt64]]>]
    private let stopped = NIOLockedValueBox(false)

    private init(stopPipes: [(Int32, Int32)], finished: [EventLoopFuture<[[UInt64]]>]) {
        self.stopPipes = stopPipes
        self.finished = finished
    }

    /// Starts `threads` threads sharing `clients` subscribers of the host at `port`; returns once every
    /// subscriber has its `SubscribeApplied`. A subscriber that fails later (its connection closes)
    /// reports through `onFailure`.
    static func start(
        clients: Int, threads: Int, port: Int, on loop: any EventLoop, milestones: [Int],
        onMilestone: @escaping @Sendable (Int) -> Void, onFailure: @escaping @Sendable (any Error) -> Void,
        query: String = "compression=None"
    ) async throws -> PlainSubscriberGroup {
        try await start(
            threads: threads, on: loop, milestones: milestones, onMilestone: onMilestone, onFailure: onFailure
        ) { index, subscribers throws(PlainSocketError) in
            for _ in 0..<(clients / threads + (index < clients % threads ? 1 : 0)) { try subscribers.add(port: port, query: query) }
        }
    }

    /// Starts `threads` threads (named `threadName-0`, `threadName-1`, ...), each first running `setup`
    /// (given its index) on its own loop, then reading; returns once every `setup` has returned.
    static func start(
        threads: Int, on loop: any EventLoop, milestones: [Int], onMilestone: @escaping @Sendable (Int) -> Void,
        onFailure: @escaping @Sendable (any Error) -> Void, threadName: String = "fanout-sub",
        setup: @escaping @Sendable (Int, inout PlainSubscriberLoop) throws(PlainSocketError) -> Void
    ) async throws -> PlainSubscriberGroup {
        var stopPipes: [(Int32, Int32)] = []
        var finished: [EventLoopFuture<[[UInt64]]>] = []
        var subscribed: [EventLoopFuture<Void>] = []
        for index in 0..<threads {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw PlainSocketError.call("pipe", errno) }
            let stopReader = ends[0]
            stopPipes.append((ends[0], ends[1]))
            let ready = loop.makePromise(of: Void.self)
            let done = loop.makePromise(of: [[UInt64]].self)
            subscribed.append(ready.futureResult)
            finished.append(done.futureResult)
            Thread {
                CurrentThreadName.set("\(threadName)-\(index)")
                var subscribers = PlainSubscriberLoop(milestones: milestones, onMilestone: onMilestone)
                defer {
                    subscribers.closeAll()
                    done.succeed(subscribers.arrivals)
                }
                do {
                    try setup(index, &subscribers)
                    ready.succeed(())
                } catch {
                    ready.fail(error)
                    return
                }
                do { try subscribers.run(stop: stopReader) } catch { onFailure(error) }
            }.start()
        }
        let group = PlainSubscriberGroup(stopPipes: stopPipes, finished: finished)
        do {
            for future in subscribed { try await future.get() }
        } catch {
            _ = try? await group.stop()
            throw error
        }
        return group
    }

    /// Stops every thread; returns each subscriber's arrivals (uptime nanoseconds per
    /// `TransactionUpdate`, in order).
    /// A second call only collects the arrivals again: the pipes are closed once (closing a descriptor
    /// twice could close one that another part of the process has since opened).
    func stop() async throws -> [[UInt64]] {
        let first = stopped.withLockedValue { stopped -> Bool in
            defer { stopped = true }
            return !stopped
        }
        if first {
            for (_, writer) in stopPipes {
                var byte: UInt8 = 1
                _ = write(writer, &byte, 1)
            }
        }
        var arrivals: [[UInt64]] = []
        for future in finished { arrivals += try await future.get() }
        if first {
            for (reader, writer) in stopPipes {
                _ = close(reader)
                _ = close(writer)
            }
        }
        return arrivals
    }
}
