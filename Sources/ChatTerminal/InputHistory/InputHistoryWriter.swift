import Dispatch
import Synchronization

/// Adds submitted lines to the input history file on a queue of its own, so the `fsync` of each
/// save never holds up the screen; lines submitted while a save runs go into the next one.
///
/// `flush()` waits until every line recorded so far has been written (or has failed): the terminal
/// calls it before it exits, so a line typed just before `/quit` is not lost.
public final class InputHistoryWriter: Sendable {
    /// The file the lines go to.
    public let store: InputHistoryStore
    private let queue = DispatchQueue(label: "spacetime-chat.input-history")
    private let pending = Mutex<[String]>([])
    private let report: @Sendable (InputHistoryStoreError) -> Void

    /// A writer adding to `store`; `report` hears each failed save (on the writer's queue).
    public init(store: InputHistoryStore, report: @escaping @Sendable (InputHistoryStoreError) -> Void) {
        self.store = store
        self.report = report
    }

    /// Queues `line` to be added to the file; returns at once.
    public func record(_ line: String) {
        pending.withLock { $0.append(line) }
        queue.async { self.writePending() }
    }

    /// Waits until every line recorded before this call is in the file (or its save failed).
    public func flush() {
        queue.sync {}
    }

    /// Saves whatever is pending, in one merge; an earlier run may already have taken it all.
    private func writePending() {
        let lines = pending.withLock { lines in
            defer { lines = [] }
            return lines
        }
        guard !lines.isEmpty else { return }
        do {
            try store.append(lines)
        } catch {
            report(error)
        }
    }
}
