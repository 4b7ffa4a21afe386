import NIOCore

/// The messages one committed transaction sends, collected per event loop and handed to each loop
/// as one task, instead of one cross-thread task per client.
///
/// A fan-out to a thousand clients on two event loops is then two wake-ups rather than a thousand.
/// The engine submits the batch before it queues anything else, so each client's messages keep the
/// engine's order (a loop runs its tasks in the order they were submitted).
struct DeliveryBatch {
    private var loops: [ObjectIdentifier: (loop: any EventLoop, items: [(ClientSession, OutboundMessage)])] = [:]

    /// Whether nothing was added.
    var isEmpty: Bool { loops.isEmpty }

    /// Adds a message for one client.
    mutating func add(_ message: OutboundMessage, to session: ClientSession) {
        let loop = session.channel.eventLoop
        loops[ObjectIdentifier(loop), default: (loop, [])].items.append((session, message))
    }

    /// Hands every loop its part; each queues the messages on its clients in the order they were added.
    func submit() {
        for (_, part) in loops {
            let items = part.items
            part.loop.execute {
                for (session, message) in items { session.enqueue(message) }
            }
        }
    }
}
