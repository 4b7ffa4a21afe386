import Synchronization

/// One connection's way into the engine: its `connect`, its frames and its `disconnect` go straight
/// onto the engine's serial queue, in the order the connection's event loop hands them over.
///
/// This replaces a per-connection task draining an `AsyncStream`: each frame used to wake a Swift
/// concurrency thread and then hop to the engine's queue; now it is one queued block. The bound is
/// the same as the stream's buffer: at most `limit` frames wait for the engine, and a frame over it
/// is refused (the caller closes the connection so the commits have no gap).
final class EngineInbox: Sendable {
    private let engine: HostEngine
    private let session: ClientSession
    private let limit: Int
    /// Frames handed over and not yet handled by the engine.
    private let waiting = Atomic<Int>(0)
    private let finished = Atomic<Bool>(false)

    /// Queues the connection's `connect` on the engine.
    init(engine: HostEngine, session: ClientSession, limit: Int) {
        self.engine = engine
        self.session = session
        self.limit = limit
        engine.run { [session] engine in engine.connect(session) }
    }

    /// Queues one frame after everything this connection queued before; false (and nothing queued)
    /// when `limit` frames are already waiting. After ``finish()`` frames are dropped (true).
    func deliver(_ frame: [UInt8]) -> Bool {
        guard !finished.load(ordering: .acquiring) else { return true }
        guard waiting.add(1, ordering: .relaxed).newValue <= limit else {
            waiting.subtract(1, ordering: .relaxed)
            return false
        }
        engine.run { [session, self] engine in
            engine.handle(frame: frame, from: session)
            waiting.subtract(1, ordering: .relaxed)
        }
        return true
    }

    /// Queues the connection's `disconnect` after its frames; later calls do nothing.
    func finish() {
        guard !finished.exchange(true, ordering: .acquiringAndReleasing) else { return }
        engine.run { [session] engine in engine.disconnect(session) }
    }
}
