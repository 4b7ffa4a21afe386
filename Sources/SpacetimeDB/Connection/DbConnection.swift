import Dispatch
import Foundation
import Logging
import Synchronization

/// A connection to a SpacetimeDB database: its client cache, callbacks, subscriptions, reducer and procedure calls.
///
/// Build one with a ``DbConnectionBuilder`` (generated bindings add `DbConnection.builder()`).
///
/// Threads: the network runs on SwiftNIO's event loops and only puts received messages into an
/// inbox. Nothing is applied until the app drains the inbox, either with ``frameTick()`` on its own
/// thread or with ``runThreaded()`` on a background serial queue. Draining applies one message at a
/// time to the cache, then runs its callbacks; a flag ensures only one thread drains at once, so
/// callbacks never run concurrently.
///
/// Sendable design: the class is immutable apart from four `Mutex`-protected values (session state,
/// client cache, inbox, callback registry), each locked only for short critical sections and never
/// while a callback runs. Callbacks may therefore call back into the connection (read the cache,
/// call reducers, subscribe) and any thread (the UI thread included) may use it at any time.
public final class DbConnection: Sendable {
    struct SessionState: Sendable {
        var machine: ReconnectStateMachine
        var status: ConnectionStatus = .connecting
        var generation: UInt64 = 0
        var transport: (any SpacetimeTransport)?
        var openVersion: ProtocolVersion?
        var lastVersion: ProtocolVersion?
        var outbox: [ClientRequest] = []
        var identity: Identity?
        var connectionId: ConnectionId?
        var token: String?
        var nextRequestId: UInt32 = 1
        var nextQuerySetId: UInt32 = 1
        var pendingCalls = PendingReducerCalls()
        var subscriptions: [UInt32: SubscriptionRecord] = [:]
        /// v1 legacy `Subscribe` request ids, to find the subscription an `InitialSubscription` answers.
        var legacyRequests: [UInt32: UInt32] = [:]
        var oneOffQueries: [UInt32: @Sendable (Result<OneOffQueryRows, OneOffQueryError>) -> Void] = [:]
        var procedureCalls = PendingProcedureCalls()
        var reconciliation: Reconciliation?
        /// The reason to report when the transport this side closed reports its end.
        var closeReason: DbConnectionError?
        /// Whether a ``ResponseWatchdog`` check is scheduled.
        var responseCheckArmed = false

        mutating func takeRequestId() -> UInt32 {
            let id = nextRequestId
            nextRequestId = nextRequestId == .max ? 1 : nextRequestId + 1
            return id
        }
    }

    struct InboxState: Sendable {
        var items: [InboxItem] = []
        var draining = false
        var threaded = false
    }

    let configuration: DbConnectionConfiguration
    let logger: Logger
    let state: Mutex<SessionState>
    let cache: Mutex<ClientCache>
    let inbox = Mutex(InboxState())
    let callbacks = CallbackRegistry()
    let statusObservers = StatusObservers()
    let drainQueue = DispatchQueue(label: "spacetimedb.connection.drain")
    /// The module's table and reducer names, which decoded messages share (``KnownStrings``).
    let knownNames: KnownStrings

    init(configuration: DbConnectionConfiguration) {
        self.configuration = configuration
        logger = configuration.logger
        state = Mutex(SessionState(
            machine: ReconnectStateMachine(policy: configuration.reconnectPolicy, random: configuration.random),
            token: configuration.token))
        cache = Mutex(ClientCache(module: configuration.module))
        knownNames = KnownStrings(configuration.module.tables.map(\.name) + configuration.module.reducerNames)
    }

    // MARK: - Public state

    /// This client's identity, once the server has sent it.
    public var identity: Identity? { state.withLock { $0.identity } }
    /// This connection's id, once the server has sent it.
    public var connectionId: ConnectionId? { state.withLock { $0.connectionId } }
    /// The token the server confirmed or minted (store it with ``CredentialsFile`` to keep the identity).
    public var token: String? { state.withLock { $0.token } }
    /// Whether the WebSocket is open right now.
    public var isActive: Bool { state.withLock { $0.openVersion != nil } }
    /// The lifecycle state (see ``DbConnectionBuilder/onStatusChange(_:)``).
    public var status: ConnectionStatus { state.withLock { $0.status } }
    /// The protocol the server selected on the latest connection.
    public var protocolVersion: ProtocolVersion? { state.withLock { $0.lastVersion } }
    /// The module this connection was built for.
    public var module: ModuleDescriptor { configuration.module }

    // MARK: - Lifecycle

    /// Closes the connection normally; ``DbConnectionBuilder/onDisconnect(_:)`` then runs with a nil error.
    ///
    /// An open connection keeps itself alive: letting go of your last reference to it does not close
    /// it (its socket, and the callbacks you registered, go on until the server closes it). Call this
    /// when you are done with it.
    public func disconnect() {
        let (action, transport) = state.withLock { state in
            (state.machine.disconnect(), state.transport)
        }
        switch action {
        case .closeTransport:
            if let transport {
                transport.close()
            } else {
                // Connecting, and the connector has not handed back the transport yet.
                enqueue(.stopped(nil))
                state.withLock { $0.generation += 1 }
            }
        case .stop(let reason):
            enqueue(.stopped(reason))
        default:
            break
        }
    }

    /// Processes every message received so far, on the calling thread, then returns.
    ///
    /// Does nothing if another thread (``runThreaded()``) is draining at this moment.
    public func frameTick() {
        drain()
    }

    /// Processes messages on a background serial queue from now on, as they arrive.
    public func runThreaded() {
        inbox.withLock { $0.threaded = true }
        drainQueue.async { self.drain() }
    }

    func start() {
        let action = state.withLock { $0.machine.start() }
        if action == .connect { startTransport() }
    }

    // MARK: - Sending

    /// Sends `request` now if the WebSocket is open, otherwise when it opens.
    func send(_ request: ClientRequest, state: inout SessionState) {
        if let transport = state.transport, let version = state.openVersion {
            transport.send(request.encoded(for: version, allTablesQueries: configuration.module.allTablesQueries))
            switch request {
            case .callReducer(_, _, let requestId):
                state.pendingCalls.markSent(requestId: requestId, generation: state.generation)
                armResponseCheck(state: &state)
            case .callProcedure(_, _, let requestId):
                state.procedureCalls.markSent(requestId: requestId, generation: state.generation)
            default:
                break
            }
        } else {
            state.outbox.append(request)
        }
    }

    /// Sends everything queued while the WebSocket was not open.
    func flushOutbox(state: inout SessionState) {
        guard state.transport != nil, state.openVersion != nil else { return }
        let queued = state.outbox
        state.outbox = []
        for request in queued { send(request, state: &state) }
    }

    /// Whether requests can still go out (now or after a reconnect).
    func acceptsRequests(_ state: SessionState) -> Bool {
        if case .closed = state.status { return false }
        return true
    }

    /// Calls reducer `name` with BSATN-encoded `args`; `callback` gets this call's outcome.
    ///
    /// Generated bindings wrap this in typed methods such as `conn.reducers.sendMessage(text:)`.
    /// The returned ``ReducerCall`` gives the same outcome to `await`.
    @discardableResult
    public func callReducer(
        _ name: String, args: some BSATNEncodable,
        then userCallback: (@Sendable (EventContext, ReducerStatus) -> Void)? = nil
    ) -> ReducerCall {
        let call = ReducerCall(reducerName: name)
        let callback: @Sendable (EventContext, ReducerStatus) -> Void = { context, status in
            userCallback?(context, status)
            call.result.resolve(status)
        }
        let bytes = args.bsatnBytes()
        let accepted = state.withLock { state -> Bool in
            guard acceptsRequests(state) else { return false }
            let requestId = state.takeRequestId()
            state.pendingCalls.add(.init(requestId: requestId, reducerName: name, args: bytes, callback: callback))
            send(.callReducer(name: name, args: bytes, requestId: requestId), state: &state)
            return true
        }
        if !accepted {
            logger.warning("reducer \(name) not called: the connection is closed")
            enqueue(.run { [self] in
                callback(EventContext(connection: self, event: .disconnected), .internalError("the connection is closed"))
            })
        }
        return call
    }

    /// Runs `callback` for every reducer event of reducer `name` (own calls, and other clients' on v1).
    @discardableResult
    public func onReducer(_ name: String, _ callback: @escaping @Sendable (EventContext, ReducerEvent) -> Void) -> CallbackId {
        callbacks.addReducer(name, callback)
    }

    /// Removes a callback added with ``onReducer(_:_:)``.
    public func removeOnReducer(_ id: CallbackId) {
        callbacks.removeReducerCallback(id)
    }

    /// Runs a SQL query once, outside any subscription; `callback` runs on the drain thread.
    public func oneOffQuery(_ query: String, then callback: @escaping @Sendable (Result<OneOffQueryRows, OneOffQueryError>) -> Void) {
        let accepted = state.withLock { state -> Bool in
            guard acceptsRequests(state) else { return false }
            let requestId = state.takeRequestId()
            state.oneOffQueries[requestId] = callback
            send(.oneOffQuery(query: query, requestId: requestId), state: &state)
            return true
        }
        if !accepted { enqueue(.run { callback(.failure(.disconnected)) }) }
    }

    /// Runs a SQL query once and returns its rows; needs ``runThreaded()`` (or ``frameTick()`` calls) to complete.
    public func oneOffQuery(_ query: String) async throws(OneOffQueryError) -> OneOffQueryRows {
        let result = await withCheckedContinuation { continuation in
            oneOffQuery(query) { continuation.resume(returning: $0) }
        }
        return try result.get()
    }

    /// A builder for a new subscription.
    public func subscriptionBuilder() -> SubscriptionBuilder {
        SubscriptionBuilder(connection: self)
    }

    func startSubscription(
        queries: [String], allTables: Bool, onApplied: (@Sendable (EventContext) -> Void)?,
        onError: (@Sendable (EventContext, String) -> Void)?
    ) -> UInt32 {
        state.withLock { state in
            let id = state.nextQuerySetId
            state.nextQuerySetId &+= 1
            let requestId = state.takeRequestId()
            state.subscriptions[id] = SubscriptionRecord(
                id: id, queries: queries, isAllTables: allTables, onApplied: onApplied, onError: onError)
            if allTables {
                state.legacyRequests[requestId] = id
                send(.subscribeToAllTables(querySetId: id, requestId: requestId), state: &state)
            } else {
                send(.subscribe(querySetId: id, queries: queries, requestId: requestId), state: &state)
            }
            return id
        }
    }

    func endSubscription(_ id: UInt32, then callback: (@Sendable (EventContext) -> Void)?) -> Bool {
        state.withLock { state in
            guard var record = state.subscriptions[id], record.phase != .ending else { return false }
            record.phase = .ending
            record.onEnded = callback
            state.subscriptions[id] = record
            send(.unsubscribe(querySetId: id, requestId: state.takeRequestId()), state: &state)
            return true
        }
    }

    func subscriptionPhase(_ id: UInt32) -> SubscriptionRecord.Phase? {
        state.withLock { $0.subscriptions[id]?.phase }
    }

    // MARK: - Cache access for table handles

    /// The cached rows of `table` as the cache holds them: a snapshot that shares the cache's storage
    /// (copying it is one reference count), so reading it needs no lock.
    @usableFromInline func cachedEntries<Row: TableRow>(_ table: String, as _: Row.Type) -> ContiguousArray<RefCountedRows<Row>.Entry> {
        cache.withLock { $0.store(table, as: Row.self)?.rows.entries ?? [] }
    }

    func cachedCount(_ table: String) -> Int {
        cache.withLock { $0.table(table)?.count ?? 0 }
    }

    func cachedRow<Row: TableRow>(_ table: String, index: String, key: some Hashable & Sendable, as _: Row.Type) -> Row? {
        cache.withLock { $0.store(table, as: Row.self)?.find(index: index, key: key) }
    }

    // MARK: - Transport

    func startTransport() {
        let prepared = state.withLock { state -> (UInt64, ConnectRequest)? in
            state.generation += 1
            state.transport = nil
            state.openVersion = nil
            do {
                let request = try ConnectRequest.subscribe(
                    uri: configuration.uri ?? "", databaseName: configuration.databaseName ?? "",
                    token: state.token, compression: configuration.compression, lightMode: configuration.lightMode,
                    confirmedReads: configuration.confirmedReads, connectionId: configuration.connectionId,
                    protocols: configuration.protocols)
                return (state.generation, request)
            } catch {
                return nil
            }
        }
        guard let (generation, request) = prepared else {
            enqueue(.closed(generation: state.withLock { $0.generation }, .invalidURI(configuration.uri ?? "")))
            return
        }
        logger.debug("connecting to \(request.host):\(request.port)\(request.pathAndQuery)")
        // The transport holds the connection strongly: a live socket keeps its connection (and its
        // callbacks) alive even if the app dropped its reference, as a running Rust connection thread does.
        let transport = configuration.connector.connect(request) { event in
            self.transportEvent(event, generation: generation)
        }
        let current = state.withLock { state -> Bool in
            guard state.generation == generation else { return false }
            state.transport = transport
            flushOutbox(state: &state)
            return true
        }
        // disconnect() ran while the connector was still starting: nobody else will close it.
        if !current { transport.close() }
    }

    /// Runs on the network thread: sends queued requests on open, passes frames and the end to the inbox.
    private func transportEvent(_ event: TransportEvent, generation: UInt64) {
        switch event {
        case .opened(let version):
            state.withLock { state in
                guard state.generation == generation else { return }
                state.openVersion = version
                state.lastVersion = version
                flushOutbox(state: &state)
            }
            logger.debug("WebSocket open, protocol \(version)")
        case .frame(let bytes):
            let version = state.withLock { $0.generation == generation ? $0.openVersion : nil }
            guard let version else { return }
            enqueue(.frame(generation: generation, version: version, bytes: bytes))
        case .closed(let error):
            state.withLock { state in
                if state.generation == generation { state.openVersion = nil }
            }
            enqueue(.closed(generation: generation, error))
        }
    }

    /// Closes the current transport because of `reason`, which is then reported as the cause.
    func fail(_ reason: DbConnectionError) {
        logger.error("closing the connection: \(reason)")
        let transport = state.withLock { state -> (any SpacetimeTransport)? in
            state.closeReason = reason
            return state.transport
        }
        transport?.close()
    }

    // MARK: - Inbox

    func enqueue(_ item: InboxItem) {
        let threaded = inbox.withLock { inbox in
            inbox.items.append(item)
            return inbox.threaded
        }
        if threaded { drainQueue.async { self.drain() } }
    }

    /// Takes batches from the inbox and processes them until it is empty; one drainer at a time.
    func drain() {
        let claimed = inbox.withLock { inbox -> Bool in
            if inbox.draining { return false }
            inbox.draining = true
            return true
        }
        guard claimed else { return }
        while true {
            var batch = inbox.withLock { inbox -> [InboxItem] in
                let items = inbox.items
                inbox.items = []
                if items.isEmpty { inbox.draining = false }
                return items
            }
            if batch.isEmpty { return }
            // Each item leaves the batch before it is processed, so that nothing here holds a frame's
            // bytes once its event is done with them (``process(_:)`` frees them before the row
            // callbacks run), rather than until the whole batch is.
            batch.reverse()
            while let item = batch.popLast() { process(item) }
        }
    }
}
