import Dispatch
import Synchronization

/// A commit-log sync running on the sync thread while the engine goes on decoding, applying and
/// writing the next transactions.
///
/// The engine keeps the transactions it covers (``HostEngine/inFlightBatch``) and acknowledges none of
/// them before the outcome is in: when the sync thread queues the outcome on the engine, or earlier,
/// when the engine needs everything durable at once (a read, a lifecycle commit) and waits for it.
final class BackgroundSync: Sendable {
    /// Tells a late completion job from the sync that is in flight now.
    let generation: UInt64
    let request: SyncRequest
    let started: ContinuousClock.Instant
    private let perform: @Sendable (SyncRequest) -> Int32
    private let outcome = Mutex<Int32?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    /// A sync of `request` that `perform` runs (``SyncRequest/run()``, unless a test holds or fails it).
    init(
        generation: UInt64, request: SyncRequest, started: ContinuousClock.Instant,
        perform: @escaping @Sendable (SyncRequest) -> Int32
    ) {
        self.generation = generation
        self.request = request
        self.started = started
        self.perform = perform
    }

    /// Runs the sync (on the sync thread) and records its outcome.
    func run() {
        let result = perform(request)
        outcome.withLock { $0 = result }
        finished.signal()
    }

    /// Waits until ``run()`` has finished; returns 0 or its `errno`. Call it once.
    func waitForOutcome() -> Int32 {
        finished.wait()
        return outcome.withLock { $0 } ?? 0
    }
}
