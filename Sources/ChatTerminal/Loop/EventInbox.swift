import Foundation

/// A thread-safe queue of events for the UI thread, paired with a ``WakePipe``.
///
/// SDK callbacks (on the SDK's drain queue) `post` events; the UI thread `takeAll`s them after
/// `poll()` returns, applies every one, then redraws once.
public final class EventInbox<Event: Sendable>: @unchecked Sendable {
    // @unchecked: `events` is only touched under `lock`.
    private let lock = NSLock()
    private var events: [Event] = []
    /// The pipe that wakes the UI thread.
    public let wakePipe: WakePipe

    /// Creates an inbox that wakes the loop through `wakePipe`.
    public init(wakePipe: WakePipe) {
        self.wakePipe = wakePipe
    }

    /// Queues an event and wakes the UI thread.
    public func post(_ event: Event) {
        lock.lock()
        events.append(event)
        lock.unlock()
        wakePipe.wake()
    }

    /// Removes and returns every queued event, oldest first.
    public func takeAll() -> [Event] {
        lock.lock()
        defer { lock.unlock() }
        let taken = events
        events.removeAll(keepingCapacity: true)
        return taken
    }
}
