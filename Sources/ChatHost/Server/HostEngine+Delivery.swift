import Foundation
import Logging
import NIOWebSocket
import QuickstartChat
import SpacetimeDB

extension HostEngine {
    /// Which clients a delivery is for, by when they may hear of a transaction
    /// (``ClientSession/confirmedReads``).
    enum Readers {
        /// Clients that hear of it once it is durable (the default).
        case confirmed
        /// Clients that asked for `confirmed=false`: as soon as it is written and applied.
        case unconfirmed
        /// Everyone (a transaction that is already durable when it is delivered).
        case all

        func includes(confirmedReads: Bool) -> Bool {
            switch self {
            case .confirmed: return confirmedReads
            case .unconfirmed: return !confirmedReads
            case .all: return true
            }
        }
    }

    /// Runs a client's reducer call: commit on success, then tell the caller and the subscribers.
    func callReducer(name: String, args: [UInt8], requestId: UInt32, notifyCaller: Bool, caller: ClientSession) {
        let started = ContinuousClock.now
        let timestamp = Timestamp.now()
        let outcome = QuickstartChatModule.callFromClient(
            reducer: name, args: args, sender: caller.identity, timestamp: timestamp, tables: tables)
        switch outcome {
        case .success(let changes):
            let normalized = changes.normalized
            let deliver = { (readers: Readers) in
                self.deliverCommitted(
                    normalized, reducer: name, args: args, requestId: requestId, timestamp: timestamp,
                    caller: caller, notifyCaller: notifyCaller, started: started, readers: readers)
            }
            commitGrouped(
                normalized, caller: caller.id,
                onWritten: { deliver(.unconfirmed) },
                onDurable: { deliver(.confirmed) },
                onLost: { error in
                    self.logger.error("commit failed", metadata: ["error": "\(error)"])
                    // An unconfirmed caller was told it succeeded; the host stops serving after a lost sync.
                    guard caller.confirmedReads else { return }
                    self.deliverFailure(
                        .reducerFailed("\(error)"), name: name, args: args, requestId: requestId, timestamp: timestamp,
                        notifyCaller: notifyCaller, caller: caller, started: started)
                })
        case .failure(let error):
            let reply = {
                self.deliverFailure(
                    error, name: name, args: args, requestId: requestId, timestamp: timestamp, notifyCaller: notifyCaller,
                    caller: caller, started: started)
            }
            // Nothing to write, but the failure must not overtake this client's earlier results that
            // still wait for their sync (frames of one read burst run before the sync does). An
            // unconfirmed client's earlier results went out when they were written: it hears now.
            if caller.confirmedReads {
                commitGrouped(TransactionChanges(), onDurable: reply, onLost: { _ in reply() })
            } else {
                reply()
            }
        }
    }


    /// Tells the caller (only) that its reducer call failed.
    func deliverFailure(
        _ error: ReducerCallError, name: String, args: [UInt8], requestId: UInt32, timestamp: Timestamp,
        notifyCaller: Bool, caller: ClientSession, started: ContinuousClock.Instant
    ) {
        // Failures reach only the caller, and not even it for NoSuccessNotify (SpacetimeDB: no caller).
        guard notifyCaller else { return }
        if caller.webSocketProtocol.usesV2Messages {
            let outcome: V2.ReducerOutcome
            let resultTimestamp: Timestamp
            if error.isRejectedBeforeRunning {
                outcome = .internalError(error.description)
                resultTimestamp = .now()
            } else {
                outcome = .err(error.description.bsatnBytes())
                resultTimestamp = timestamp
            }
            let bytes = V2.ServerMessage.reducerResult(
                V2.ReducerResult(requestId: requestId, timestamp: resultTimestamp, result: outcome)
            ).bsatnBytes()
            deliver { $0.add(OutboundMessage(bytes: bytes), to: caller) }
        } else {
            // 2.x servers echo the call's request id on failures (1.x servers sent 0).
            let update = V1.TransactionUpdate(
                status: .failed(error.description), timestamp: timestamp, callerIdentity: caller.identity,
                callerConnectionId: caller.connectionId,
                reducerCall: V1.ReducerCallInfo(
                    reducerName: name, reducerId: QuickstartChatModule.reducerId(of: name), args: args,
                    requestId: requestId),
                energyQuantaUsed: EnergyQuanta(quanta: 0), totalHostExecutionDuration: elapsedDuration(since: started))
            let bytes = V1.ServerMessage.transactionUpdate(update).bsatnBytes()
            deliver { $0.add(OutboundMessage(bytes: bytes), to: caller) }
        }
    }

    /// Sends each of `readers` what a committed transaction changed in its queries (the caller: its
    /// result).
    ///
    /// Clients with the same delivery key get the same bytes: each group's update is built and
    /// encoded once and its buffer shared by every member; only the caller's result is its own.
    func deliverCommitted(
        _ changes: TransactionChanges, reducer: String, args: [UInt8], requestId: UInt32, timestamp: Timestamp,
        caller: ClientSession?, notifyCaller: Bool, started: ContinuousClock.Instant, readers: Readers
    ) {
        // Most hosts have no unconfirmed reader: no batch to build for them.
        guard readers != .unconfirmed || subscriptions.groups.keys.contains(where: { !$0.confirmedReads }) else { return }
        deliver { batch in
            addCommitted(
                changes, reducer: reducer, args: args, requestId: requestId, timestamp: timestamp, caller: caller,
                notifyCaller: notifyCaller, started: started, readers: readers, to: &batch)
        }
    }

    /// Adds what a committed transaction sends to each client to `batch` (see ``deliverCommitted``).
    private func addCommitted(
        _ changes: TransactionChanges, reducer: String, args: [UInt8], requestId: UInt32, timestamp: Timestamp,
        caller: ClientSession?, notifyCaller: Bool, started: ContinuousClock.Instant, readers: Readers,
        to batch: inout DeliveryBatch
    ) {
        let duration = elapsedDuration(since: started)
        let callerId = notifyCaller ? caller?.id : nil
        // The caller's result goes after everyone else's update, whatever the groups' (hash) order:
        // when a caller hears its call succeeded, the other clients on its event loop were sent theirs.
        var callerResult: (OutboundMessage, ClientSession)?
        defer { if let (result, session) = callerResult { batch.add(result, to: session) } }
        for (key, group) in subscriptions.groups where readers.includes(confirmedReads: key.confirmedReads) {
            let callerHere = callerId.flatMap { group.members[$0] }
            let othersHere = group.members.count > (callerHere == nil ? 0 : 1)
            if key.webSocketProtocol.usesV2Messages {
                let querySets = changes.isEmpty
                    ? [] : UpdateBuilder.v2QuerySetUpdates(sets: group.subscriptions.v2Sets, changes: changes)
                if let callerHere {
                    let result = V2.ServerMessage.reducerResult(
                        V2.ReducerResult(
                            requestId: requestId, timestamp: timestamp,
                            result: .ok(V2.ReducerOk(retValue: [], transactionUpdate: V2.TransactionUpdate(querySets: querySets))))
                    )
                    callerResult = (OutboundMessage(bytes: result.bsatnBytes()), callerHere)
                }
                guard othersHere, !querySets.isEmpty else { continue }
                let update = OutboundMessage(
                    sharing: V2.ServerMessage.transactionUpdate(V2.TransactionUpdate(querySets: querySets)).bsatnBytes(),
                    compression: key.compression)
                batch.add(shared: update, to: group.loops, excluding: callerId)
            } else {
                let update = changes.isEmpty
                    ? V1.DatabaseUpdate(tables: [])
                    : UpdateBuilder.v1TransactionUpdate(queries: group.subscriptions.v1Queries, changes: changes)
                let full = {
                    V1.ServerMessage.transactionUpdate(
                        V1.TransactionUpdate(
                            status: .committed(update), timestamp: timestamp,
                            callerIdentity: caller?.identity ?? .zero, callerConnectionId: caller?.connectionId ?? .zero,
                            reducerCall: V1.ReducerCallInfo(
                                reducerName: reducer, reducerId: QuickstartChatModule.reducerId(of: reducer), args: args,
                                requestId: requestId),
                            energyQuantaUsed: EnergyQuanta(quanta: 0),
                            totalHostExecutionDuration: duration)
                    ).bsatnBytes()
                }
                if let callerHere { callerResult = (OutboundMessage(bytes: full()), callerHere) }
                guard othersHere, !update.tables.isEmpty else { continue }
                let bytes = key.light
                    ? V1.ServerMessage.transactionUpdateLight(V1.TransactionUpdateLight(requestId: requestId, update: update))
                        .bsatnBytes()
                    : full()
                let shared = OutboundMessage(sharing: bytes, compression: key.compression)
                batch.add(shared: shared, to: group.loops, excluding: callerId)
            }
        }
    }

    /// Tells subscribers about a lifecycle reducer's changes; the connecting client itself is not a caller
    /// that expects a result (it has no subscriptions yet, or is gone).
    func broadcastLifecycle(reducer: String, caller: ClientSession, changes: TransactionChanges) {
        let normalized = changes.normalized
        guard !normalized.isEmpty else { return }
        // Lifecycle commits are synced before they are delivered (``commit(_:)``): for everyone at once.
        deliverCommitted(
            normalized, reducer: reducer, args: [], requestId: 0, timestamp: .now(), caller: caller,
            notifyCaller: false, started: .now, readers: .all)
    }
}
