import Dispatch

/// The host engine's executor: a serial dispatch queue of its own.
///
/// Each commit blocks in fsync, and it must block a thread of this queue rather than one of the few
/// Swift concurrency threads every other task shares. A dispatch queue needs no shutdown, so work
/// that reaches the engine late (a socket closing after the host stopped) still runs, and finds the
/// engine stopped, instead of being scheduled onto a thread that is gone.
final class EngineExecutor: SerialExecutor {
    private let queue = DispatchQueue(label: "spacetime-chat.host-engine")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    /// Runs `work` on the queue after everything already queued (actor jobs included), without a task.
    func run(_ work: @escaping @Sendable () -> Void) {
        queue.async(execute: work)
    }

    /// Runs `work` on the queue once `delay` has passed.
    func runAfter(_ delay: Duration, _ work: @escaping @Sendable () -> Void) {
        let nanoseconds = max(0, delay.components.seconds * 1_000_000_000 + delay.components.attoseconds / 1_000_000_000)
        queue.asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds)), execute: work)
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets `assumeIsolated` accept code that ``run(_:)`` started on the queue.
    func checkIsolated() {
        dispatchPrecondition(condition: .onQueue(queue))
    }
}
