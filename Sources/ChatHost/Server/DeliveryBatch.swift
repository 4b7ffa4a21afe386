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
    /// What one loop's task sends, in order.
    private enum Item {
        /// One message for one client (a caller's result, a failure).
        case one(ClientSession, OutboundMessage)
        /// One message for a group's members on this loop, but the one with id `excluding` (its caller).
        case many([ClientSession], OutboundMessage, excluding: UInt64?)
    }

    private var loops: [ObjectIdentifier: (loop: any EventLoop, items: [Item])] = [:]

    /// Whether nothing was added.
    var isEmpty: Bool { loops.isEmpty }

    /// Adds a message for one client.
    mutating func add(_ message: OutboundMessage, to session: ClientSession) {
        let loop = session.channel.eventLoop
        loops[ObjectIdentifier(loop), default: (loop, [])].items.append(.one(session, message))
    }

    /// Adds one message for the members of a group, by event loop, except the client `excluding`:
    /// the engine's cost is one entry per loop whatever the number of clients. Each event loop gets a
    /// copy of its own, so two loops writing it at once do not contend for one buffer's reference
    /// count (a cache line both cores would pass back and forth on every write).
    mutating func add(shared message: OutboundMessage, to members: [SubscriberRegistry.LoopMembers], excluding: UInt64?) {
        var first = true
        for part in members where !part.sessions.isEmpty {
            let copy = first ? message : message.copy()
            first = false
            loops[ObjectIdentifier(part.loop), default: (part.loop, [])].items.append(
                .many(part.sessions, copy, excluding: excluding))
        }
    }

    /// Hands every loop its part; each queues the messages on its clients in the order they were
    /// added, then flushes each of those clients once.
    func submit() {
        for (_, part) in loops {
            let items = part.items
            part.loop.execute {
                var touched: [ClientSession] = []
                for item in items {
                    switch item {
                    case .one(let session, let message):
                        if session.stage(message) { touched.append(session) }
                    case .many(let sessions, let message, let excluding):
                        touched.reserveCapacity(touched.count + sessions.count)
                        for session in sessions where session.id != excluding && session.stage(message) {
                            touched.append(session)
                        }
                    }
                }
                for session in touched { session.flushStaged() }
            }
        }
    }
}
