import NIOCore

/// The messages one group sync (or one transaction outside a sync) sends, collected per event loop
/// and handed to each loop as one task, instead of one cross-thread task per client or per commit.
///
/// A fan-out to a thousand clients on two event loops is then two wake-ups rather than a thousand,
/// and ten transactions sharing a sync reach their callers with two wake-ups rather than ten. The
/// loop's task queues every message, then flushes each client it touched once, in the same task:
/// a client that gets several messages from one batch writes them with one flush (one syscall).
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

    /// Adds one message for many clients: each event loop gets a copy of its own, so two loops writing
    /// it at once do not contend for one buffer's reference count (a cache line both cores would pass
    /// back and forth on every write).
    mutating func add<Sessions: Sequence<ClientSession>>(shared message: OutboundMessage, to sessions: Sessions) {
        var copies: [ObjectIdentifier: OutboundMessage] = [:]
        for session in sessions {
            let loop = session.channel.eventLoop
            let key = ObjectIdentifier(loop)
            let copy: OutboundMessage
            if let made = copies[key] {
                copy = made
            } else {
                copy = copies.isEmpty ? message : message.copy()
                copies[key] = copy
            }
            loops[key, default: (loop, [])].items.append((session, copy))
        }
    }

    /// Hands every loop its part; each queues the messages on its clients in the order they were
    /// added, then flushes each of those clients once.
    func submit() {
        for (_, part) in loops {
            let items = part.items
            part.loop.execute {
                var touched: [ClientSession] = []
                for (session, message) in items where session.stage(message) { touched.append(session) }
                for session in touched { session.flushStaged() }
            }
        }
    }
}
