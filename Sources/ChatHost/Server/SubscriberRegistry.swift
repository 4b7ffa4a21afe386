import NIOCore
import SpacetimeDB

/// Every connected client's subscriptions, with the clients grouped by what a transaction looks like
/// to them: clients of one ``DeliveryKey`` receive byte-identical updates, so the engine builds and
/// encodes each update once per group instead of once per client.
///
/// The groups are kept up to date as subscriptions change (a subscribe or unsubscribe moves one
/// client), so a commit costs one update per group plus one queued send per client.
struct SubscriberRegistry {
    /// What a non-caller's update depends on: clients with equal keys get identical frames.
    struct DeliveryKey: Hashable {
        var webSocketProtocol: WebSocketProtocol
        var compression: Compression
        var light: Bool
        /// Whether the group's updates wait for durability (``ClientSession/confirmedReads``).
        var confirmedReads: Bool
        var setIds: [UInt32]
        var queries: [[SQLQuery]]

        init(session: ClientSession, subscriptions: ClientSubscriptions) {
            let usesV2 = session.webSocketProtocol.usesV2Messages
            webSocketProtocol = session.webSocketProtocol
            compression = session.compression
            light = !usesV2 && session.light
            confirmedReads = session.confirmedReads
            setIds = usesV2 ? subscriptions.v2Sets.map(\.id) : []
            queries = usesV2 ? subscriptions.v2Sets.map(\.queries) : [subscriptions.v1Queries]
        }
    }

    /// The clients that share one key, and the subscriptions they share.
    struct Group {
        /// The subscriptions every member has (equal by their key).
        var subscriptions: ClientSubscriptions
        /// The members, by session id.
        var members: [UInt64: ClientSession]
        /// The members again, by the event loop that serves them: a fan-out hands each loop its list
        /// whole (``DeliveryBatch/add(shared:to:excluding:)``) instead of sorting a thousand clients
        /// into loops on the engine's thread for every commit.
        var loops: [LoopMembers] = []

        init(subscriptions: ClientSubscriptions) {
            self.subscriptions = subscriptions
            members = [:]
        }

        mutating func insert(_ session: ClientSession) {
            members[session.id] = session
            let loop = session.channel.eventLoop
            if let index = loops.firstIndex(where: { $0.loop === loop }) {
                loops[index].sessions.append(session)
            } else {
                loops.append(LoopMembers(loop: loop, sessions: [session]))
            }
        }

        mutating func remove(id: UInt64) {
            guard let session = members.removeValue(forKey: id) else { return }
            let loop = session.channel.eventLoop
            guard let index = loops.firstIndex(where: { $0.loop === loop }),
                let position = loops[index].sessions.firstIndex(where: { $0.id == id })
            else { return }
            // Members of a group have no order among themselves: the last one takes the gap.
            loops[index].sessions.swapAt(position, loops[index].sessions.count - 1)
            loops[index].sessions.removeLast()
            if loops[index].sessions.isEmpty { loops.remove(at: index) }
        }
    }

    /// The members of one group that one event loop serves.
    struct LoopMembers {
        let loop: any EventLoop
        var sessions: [ClientSession]
    }

    private struct Member {
        let session: ClientSession
        var subscriptions: ClientSubscriptions
        var key: DeliveryKey
    }

    private var members: [UInt64: Member] = [:]
    /// The clients grouped by delivery key.
    private(set) var groups: [DeliveryKey: Group] = [:]

    /// Registers a newly connected client with no subscription.
    mutating func add(_ session: ClientSession) {
        remove(id: session.id)
        let subscriptions = ClientSubscriptions()
        let key = DeliveryKey(session: session, subscriptions: subscriptions)
        members[session.id] = Member(session: session, subscriptions: subscriptions, key: key)
        join(session, key: key, subscriptions: subscriptions)
    }

    /// Forgets a client.
    mutating func remove(id: UInt64) {
        guard let member = members.removeValue(forKey: id) else { return }
        leave(id: id, key: member.key)
    }

    /// Forgets every client.
    mutating func removeAll() {
        members.removeAll()
        groups.removeAll()
    }

    /// A registered client's subscriptions; setting them moves the client to its new group, setting
    /// nil forgets it. Setting subscriptions for an unregistered id does nothing.
    subscript(id: UInt64) -> ClientSubscriptions? {
        get { members[id]?.subscriptions }
        set {
            guard let newValue else {
                remove(id: id)
                return
            }
            guard var member = members[id] else { return }
            let key = DeliveryKey(session: member.session, subscriptions: newValue)
            leave(id: id, key: member.key)
            member.subscriptions = newValue
            member.key = key
            members[id] = member
            join(member.session, key: key, subscriptions: newValue)
        }
    }

    private mutating func join(_ session: ClientSession, key: DeliveryKey, subscriptions: ClientSubscriptions) {
        groups[key, default: Group(subscriptions: subscriptions)].insert(session)
    }

    private mutating func leave(id: UInt64, key: DeliveryKey) {
        guard var group = groups.removeValue(forKey: key) else { return }
        group.remove(id: id)
        if !group.members.isEmpty { groups[key] = group }
    }
}
