import Foundation

extension DbConnection {
    /// Handles one inbox item on the drain thread.
    ///
    /// The item, its frame and the decoded event are consumed rather than borrowed: the event's row
    /// lists are slices of the frame, and a subscription's first rows are handed to ``handle(_:)``
    /// to own, which lets them go once they are in the cache. A 10 MB snapshot's bytes are then
    /// freed before its row callbacks run (and before what the app builds in them), not after.
    func process(_ item: consuming InboxItem) {
        switch consume item {
        case .frame(let generation, let version, let bytes):
            guard state.withLock({ $0.generation == generation }) else { return }
            // A v1/v2 frame is one event, handled without an array around it; a v3 frame is decoded
            // whole before any of its events is handled.
            var single: ServerEvent?
            var events: [ServerEvent] = []
            do {
                if version == .v3 {
                    events = try ServerEventDecoder.decode(frame: consume bytes, version: version, names: knownNames)
                } else {
                    single = try ServerEventDecoder.singleEvent(frame: consume bytes, version: version, names: knownNames)
                }
            } catch {
                fail(.protocolViolation(error.description))
                return
            }
            if let event = single.take() {
                _ = handleOrFail(consume event)
                return
            }
            events.reverse()
            while let event = events.popLast() {
                guard handleOrFail(consume event) else { return }
            }
        case .closed(let generation, let error):
            let action = state.withLock { state -> ReconnectStateMachine.Action? in
                guard state.generation == generation else { return nil }
                state.transport = nil
                state.openVersion = nil
                let reason = state.closeReason ?? error
                state.closeReason = nil
                return state.machine.connectionLost(reason)
            }
            if let action { perform(action) }
        case .retryTimer(let generation):
            let action = state.withLock { state -> ReconnectStateMachine.Action in
                guard state.generation == generation else { return .none }
                return state.machine.retryTimerFired()
            }
            perform(action)
        case .stopped(let reason):
            finish(reason)
        case .run(let body):
            body()
        }
    }

    /// Handles `event`; false (the connection failing) when a row in it does not decode.
    private func handleOrFail(_ event: consuming ServerEvent) -> Bool {
        do {
            try handle(event)
            return true
        } catch {
            fail(.protocolViolation("a row could not be decoded: \(error)"))
            return false
        }
    }

    func perform(_ action: ReconnectStateMachine.Action) {
        switch action {
        case .none, .reportConnected, .resubscribe:
            break
        case .connect:
            startTransport()
        case .closeTransport:
            state.withLock { $0.transport }?.close()
        case .stop(let reason):
            finish(reason)
        case .failInitialConnect(let error):
            logger.error("the first connection failed: \(error)")
            let (calls, queries) = takeOutstanding(all: true)
            setStatus(.closed(reason: error))
            let context = EventContext(connection: self, event: .disconnected)
            configuration.onConnectError?(context, error)
            failOutstanding(calls: calls, queries: queries)
            failProcedureCalls(inFlightOnly: false)
        case .scheduleRetry(let attempt, let delay):
            logger.warning("connection lost; reconnect attempt \(attempt) in \(delay)")
            // One-off queries are not re-sent (queued ones leave the outbox below; a sent one's answer
            // went with the socket), so each fails now instead of never completing.
            let (calls, queries) = takeOutstanding(all: false)
            let generation = state.withLock { state -> UInt64 in
                for id in state.subscriptions.keys { state.subscriptions[id]?.needsResubscribe = true }
                state.outbox.removeAll {
                    switch $0 {
                    case .callReducer, .callProcedure: return false  // never sent: they go out after the reconnect
                    default: return true  // subscriptions are re-sent from their records after the reconnect
                    }
                }
                for (id, record) in state.subscriptions where record.phase == .ending {
                    state.subscriptions[id] = nil
                }
                state.legacyRequests = [:]
                state.reconciliation = nil
                return state.generation
            }
            let seconds = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
            setStatus(.reconnecting(attempt: attempt, nextTry: Date().addingTimeInterval(seconds)))
            failOutstanding(calls: calls, queries: queries)
            failProcedureCalls(inFlightOnly: true)
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                self.enqueue(.retryTimer(generation: generation))
            }
        }
    }

    /// The connection is over for good: report it, fail what can no longer be answered.
    func finish(_ reason: DbConnectionError?) {
        if case .closed = status { return }
        let (calls, queries) = takeOutstanding(all: true)
        let subscriptions = state.withLock { state -> [SubscriptionRecord] in
            defer { state.subscriptions = [:] }
            return state.subscriptions.values.sorted { $0.id < $1.id }
        }
        setStatus(.closed(reason: reason))
        let context = EventContext(connection: self, event: .disconnected)
        configuration.onDisconnect?(context, reason)
        if case .subscriptionFailed(let message) = reason {
            // As the Rust SDK: an error not tied to one subscription ends them all, after on_disconnect.
            let errorContext = EventContext(connection: self, event: .subscribeError(message))
            for record in subscriptions { record.onError?(errorContext, message) }
        }
        failOutstanding(calls: calls, queries: queries)
        failProcedureCalls(inFlightOnly: false)
    }

    private func takeOutstanding(all: Bool) -> (
        [PendingReducerCalls.Call], [@Sendable (Result<OneOffQueryRows, OneOffQueryError>) -> Void]
    ) {
        state.withLock { state in
            let calls = all ? state.pendingCalls.takeAll() : state.pendingCalls.takeInFlight()
            let queries = Array(state.oneOffQueries.values)
            state.oneOffQueries = [:]
            if all { state.outbox = [] }
            return (calls, queries)
        }
    }

    private func failOutstanding(
        calls: [PendingReducerCalls.Call], queries: [@Sendable (Result<OneOffQueryRows, OneOffQueryError>) -> Void]
    ) {
        let context = EventContext(connection: self, event: .disconnected)
        for call in calls {
            call.callback?(context, .internalError("the connection dropped before the server answered"))
        }
        for query in queries { query(.failure(.disconnected)) }
    }

    func setStatus(_ status: ConnectionStatus) {
        let changed = state.withLock { state -> Bool in
            guard state.status != status else { return false }
            state.status = status
            return true
        }
        if changed {
            configuration.onStatusChange?(status)
            statusObservers.notify(status)
        }
    }

    /// Applies row changes to the cache, or to the reconnect shadow while a reconciliation runs.
    private func apply(_ changes: [TableRowChanges]) throws(BSATNDecodingError) -> [any TableEventsProtocol] {
        guard !changes.isEmpty else { return [] }
        let logger = self.logger
        let shadowed = try state.withLock { state throws(BSATNDecodingError) -> Bool in
            guard var reconciliation = state.reconciliation else { return false }
            _ = try reconciliation.shadow.apply(changes, logger: logger)
            state.reconciliation = reconciliation
            return true
        }
        if shadowed { return [] }
        return try cache.withLock { cache throws(BSATNDecodingError) in try cache.apply(changes, logger: logger) }
    }

    /// Applies a subscription's first rows to the cache, so they fire now with `onApplied`. While a
    /// reconciliation runs they go to its shadow too, which the cache becomes when it ends.
    private func applyNewSubscription(_ changes: [TableRowChanges]) throws(BSATNDecodingError) -> [any TableEventsProtocol] {
        guard !changes.isEmpty else { return [] }
        let logger = self.logger
        try state.withLock { state throws(BSATNDecodingError) in
            guard var reconciliation = state.reconciliation else { return }
            _ = try reconciliation.shadow.apply(changes, logger: logger)
            state.reconciliation = reconciliation
        }
        return try cache.withLock { cache throws(BSATNDecodingError) in try cache.apply(changes, logger: logger) }
    }

    private func fireRows(_ events: [any TableEventsProtocol], context: EventContext) {
        for tableEvents in events { tableEvents.fire(context: context, callbacks: callbacks) }
    }

    /// Ends the reconciliation when every re-sent subscription has its rows, firing only the differences.
    private func finishReconciliationIfDone() {
        let shadow = state.withLock { state -> ClientCache? in
            guard let reconciliation = state.reconciliation, reconciliation.pending.isEmpty else { return nil }
            state.reconciliation = nil
            return reconciliation.shadow
        }
        guard let shadow else { return }
        let events = cache.withLock { $0.reconcile(with: shadow) }
        logger.info("reconnected; \(events.count) tables changed while away")
        fireRows(events, context: EventContext(connection: self, event: .reconnected))
        setStatus(.connected)
    }

    private func resubscribe() {
        let emptyShadow = cache.withLock { $0.emptyCopy() }
        state.withLock { state in
            var pending = Set<UInt32>()
            for id in state.subscriptions.keys.sorted() {
                guard var record = state.subscriptions[id], record.needsResubscribe else { continue }
                record.needsResubscribe = false
                record.phase = .pending
                state.subscriptions[id] = record
                // Only rows the cache holds are reconciled. A subscription dropped before its rows
                // arrived is new to the cache: it is applied (and `onApplied` called) as usual.
                if record.wasApplied { pending.insert(id) }
                let requestId = state.takeRequestId()
                if record.isAllTables {
                    state.legacyRequests[requestId] = id
                    send(.subscribeToAllTables(querySetId: id, requestId: requestId), state: &state)
                } else {
                    send(.subscribe(querySetId: id, queries: record.queries, requestId: requestId), state: &state)
                }
            }
            if !pending.isEmpty { state.reconciliation = Reconciliation(pending: pending, shadow: emptyShadow) }
        }
    }

    // MARK: - Messages

    func handle(_ event: consuming ServerEvent) throws(BSATNDecodingError) {
        switch consume event {
        case .identity(let identity, let connectionId, let token):
            let action = state.withLock { state in
                state.identity = identity
                state.connectionId = connectionId
                state.token = token
                return state.machine.identified(as: identity)
            }
            switch action {
            case .reportConnected:
                setStatus(.connected)
                configuration.onConnect?(self, identity, token)
            case .resubscribe:
                // `.connected` is reported once the re-sent subscriptions are applied and the cache is
                // consistent again (at once when there is nothing to re-send).
                resubscribe()
                if state.withLock({ $0.reconciliation == nil }) { setStatus(.connected) }
            case .stop(let reason):
                state.withLock { $0.transport }?.close()
                finish(reason)
            default:
                break
            }

        case .subscribeApplied(let querySetId, let legacyRequestId, let changes):
            let (record, reconciling) = state.withLock { state -> (SubscriptionRecord?, Bool) in
                let id = querySetId ?? legacyRequestId.flatMap { state.legacyRequests.removeValue(forKey: $0) }
                guard let id, var record = state.subscriptions[id] else { return (nil, false) }
                if record.phase == .pending { record.phase = .active }
                record.wasApplied = true
                state.subscriptions[id] = record
                return (record, state.reconciliation?.pending.contains(id) ?? false)
            }
            if reconciling, let record {
                let logger = self.logger
                try state.withLock { state throws(BSATNDecodingError) in
                    guard var reconciliation = state.reconciliation else { return }
                    _ = try reconciliation.shadow.apply(changes, logger: logger)
                    reconciliation.pending.remove(record.id)
                    state.reconciliation = reconciliation
                }
                finishReconciliationIfDone()
                return
            }
            // The rows are in the cache now: the frame they were sliced from can go before the callbacks.
            let events = try applyNewSubscription(consume changes)
            let context = EventContext(connection: self, event: .subscribeApplied)
            record?.onApplied?(context)
            fireRows(events, context: context)

        case .unsubscribeApplied(let querySetId, let changes):
            let record = state.withLock { $0.subscriptions.removeValue(forKey: querySetId) }
            let events = try apply(changes)
            let context = EventContext(connection: self, event: .unsubscribeApplied)
            record?.onEnded?(context)
            fireRows(events, context: context)

        case .subscriptionError(let requestId, let querySetId, let message):
            enum Target { case one(SubscriptionRecord), fatal, unknown }
            let target = state.withLock { state -> Target in
                var id = querySetId
                if id == nil, let requestId { id = state.legacyRequests.removeValue(forKey: requestId) }
                guard let id else { return .fatal }
                guard let record = state.subscriptions.removeValue(forKey: id) else { return .unknown }
                state.reconciliation?.pending.remove(id)
                return .one(record)
            }
            switch target {
            case .one(let record):
                logger.warning("subscription \(record.id) failed: \(message)")
                record.onError?(EventContext(connection: self, event: .subscribeError(message)), message)
                finishReconciliationIfDone()
            case .fatal:
                fail(.subscriptionFailed(message))
            case .unknown:
                logger.warning("subscription error for an unknown subscription: \(message)")
            }

        case .reducerTransaction(let info, let changes):
            let (call, isOwn) = state.withLock { state -> (PendingReducerCalls.Call?, Bool) in
                let own = info.callerIdentity == state.identity && info.callerConnectionId == state.connectionId
                guard own else { return (nil, false) }
                return (state.pendingCalls.take(requestId: info.requestId, reducerName: info.reducerName), true)
            }
            let events = try apply(changes)
            let reducerEvent = ReducerEvent(
                reducerName: info.reducerName, args: info.args, status: info.status, timestamp: info.timestamp,
                callerIdentity: info.callerIdentity, callerConnectionId: info.callerConnectionId.nonZero,
                energyConsumed: info.energy, isOwnCall: isOwn)
            fireReducer(reducerEvent, call: call, events: events)

        case .transaction(let changes):
            let events = try apply(changes)
            fireRows(events, context: EventContext(connection: self, event: .transaction))

        case .reducerResult(let requestId, let timestamp, let status, let changes):
            let (call, identity, connectionId) = state.withLock { state in
                (state.pendingCalls.take(requestId: requestId, reducerName: nil), state.identity, state.connectionId)
            }
            let events = try apply(changes)
            let reducerEvent = ReducerEvent(
                reducerName: call?.reducerName ?? "", args: call?.args ?? [], status: status, timestamp: timestamp,
                callerIdentity: identity ?? .zero, callerConnectionId: connectionId, energyConsumed: nil, isOwnCall: true)
            fireReducer(reducerEvent, call: call, events: events)

        case .oneOffResult(let requestId, let result):
            let callback = state.withLock { state in requestId.flatMap { state.oneOffQueries.removeValue(forKey: $0) } }
            callback?(result.map { OneOffQueryRows(tables: $0) })

        case .procedureResult(let requestId, let result):
            completeProcedureCall(requestId: requestId, result)
        }
    }

    /// The reducer's outcome first (the call's own callback, then reducer callbacks), then row callbacks.
    private func fireReducer(_ event: ReducerEvent, call: PendingReducerCalls.Call?, events: [any TableEventsProtocol]) {
        let context = EventContext(connection: self, event: .reducer(event))
        call?.callback?(context, event.status)
        if !event.reducerName.isEmpty {
            for handler in callbacks.reducerCallbacks(event.reducerName) { handler.callback(context, event) }
        }
        fireRows(events, context: context)
    }
}
