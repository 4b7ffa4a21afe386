/// One client's subscriptions, kept as SpacetimeDB's subscription manager keeps them.
///
/// v1: every `query_id` (and the legacy `Subscribe` set) names some queries; a query subscribed under
/// several ids is reference-counted and evaluated once per client, so its rows arrive only the first
/// time and leave only when its last id is dropped. v2: every query set holds its own queries and gets
/// its own rows, so a row in two query sets arrives once per set.
public struct ClientSubscriptions: Sendable, Equatable {
    /// Why a subscribe or unsubscribe was refused.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// The id is already in use by this client.
        case duplicateId(UInt32)
        /// No subscription has that id.
        case unknownId(UInt32)

        /// The text shown to users and in logs.
        public var description: String {
            switch self {
            case .duplicateId(let id): return "Subscription with id \(id) already exists for this client"
            case .unknownId(let id): return "Subscription with id \(id) not found for this client"
            }
        }
    }

    private var v1ById: [UInt32: [SQLQuery]] = [:]
    private var legacy: [SQLQuery] = []
    private var referenceCounts: [SQLQuery: Int] = [:]
    /// v1 queries in first-subscribe order, each once.
    public private(set) var v1Queries: [SQLQuery] = []
    /// v2 query sets in subscribe order.
    public private(set) var v2Sets: [(id: UInt32, queries: [SQLQuery])] = []

    /// No subscriptions.
    public init() {}

    /// Same subscriptions under the same ids.
    public static func == (lhs: ClientSubscriptions, rhs: ClientSubscriptions) -> Bool {
        lhs.v1ById == rhs.v1ById && lhs.legacy == rhs.legacy && lhs.v1Queries == rhs.v1Queries
            && lhs.v2Sets.map(\.id) == rhs.v2Sets.map(\.id) && lhs.v2Sets.map(\.queries) == rhs.v2Sets.map(\.queries)
    }

    /// Whether the client has no subscription at all.
    public var isEmpty: Bool { v1Queries.isEmpty && v2Sets.isEmpty }

    static func deduplicated(_ queries: [SQLQuery]) -> [SQLQuery] {
        var seen: Set<SQLQuery> = []
        return queries.filter { seen.insert($0).inserted }
    }

    /// Adds a v1 subscription (`SubscribeSingle` / `SubscribeMulti`); returns the queries new to this client.
    public mutating func subscribeV1(id: UInt32, queries: [SQLQuery]) throws(Failure) -> [SQLQuery] {
        guard v1ById[id] == nil else { throw .duplicateId(id) }
        let unique = ClientSubscriptions.deduplicated(queries)
        v1ById[id] = unique
        return retain(unique)
    }

    /// The queries subscribed under a v1 id, or nil.
    public func v1Queries(forId id: UInt32) -> [SQLQuery]? { v1ById[id] }

    /// Drops a v1 subscription; returns the queries this client no longer has under any id.
    public mutating func unsubscribeV1(id: UInt32) throws(Failure) -> [SQLQuery] {
        guard let queries = v1ById.removeValue(forKey: id) else { throw .unknownId(id) }
        return release(queries)
    }

    /// Replaces the legacy `Subscribe` set; returns the queries new to this client.
    public mutating func replaceLegacy(with queries: [SQLQuery]) -> [SQLQuery] {
        let unique = ClientSubscriptions.deduplicated(queries)
        let added = retain(unique)
        _ = release(legacy)
        legacy = unique
        return added
    }

    /// Adds a v2 query set; returns its (deduplicated) queries.
    public mutating func subscribeV2(id: UInt32, queries: [SQLQuery]) throws(Failure) -> [SQLQuery] {
        guard !v2Sets.contains(where: { $0.id == id }) else { throw .duplicateId(id) }
        let unique = ClientSubscriptions.deduplicated(queries)
        v2Sets.append((id, unique))
        return unique
    }

    /// Drops a v2 query set; returns its queries.
    public mutating func unsubscribeV2(id: UInt32) throws(Failure) -> [SQLQuery] {
        guard let index = v2Sets.firstIndex(where: { $0.id == id }) else { throw .unknownId(id) }
        return v2Sets.remove(at: index).queries
    }

    private mutating func retain(_ queries: [SQLQuery]) -> [SQLQuery] {
        var added: [SQLQuery] = []
        for query in queries {
            let count = referenceCounts[query, default: 0] + 1
            referenceCounts[query] = count
            if count == 1 {
                added.append(query)
                v1Queries.append(query)
            }
        }
        return added
    }

    private mutating func release(_ queries: [SQLQuery]) -> [SQLQuery] {
        var dropped: [SQLQuery] = []
        for query in queries {
            let count = referenceCounts[query, default: 0] - 1
            if count <= 0 {
                referenceCounts[query] = nil
                dropped.append(query)
                v1Queries.removeAll { $0 == query }
            } else {
                referenceCounts[query] = count
            }
        }
        return dropped
    }
}
