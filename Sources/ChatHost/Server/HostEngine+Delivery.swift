import Foundation
import Logging
import NIOWebSocket
import QuickstartChat
import SpacetimeDB

extension HostEngine {
    /// Runs a client's reducer call: commit on success, then tell the caller and the subscribers.
    func callReducer(name: String, args: [UInt8], requestId: UInt32, notifyCaller: Bool, caller: ClientSession) {
        let started = ContinuousClock.now
        let timestamp = Timestamp.now()
        let outcome = QuickstartChatModule.callFromClient(
            reducer: name, args: args, sender: caller.identity, timestamp: timestamp, tables: tables)
        switch outcome {
        case .success(let changes):
            let normalized = changes.normalized
            commitGrouped(
                normalized,
                onDurable: {
                    self.deliverCommitted(
                        normalized, reducer: name, args: args, requestId: requestId, timestamp: timestamp,
                        caller: caller, notifyCaller: notifyCaller, started: started)
                },
                onLost: { error in
                    self.logger.error("commit failed", metadata: ["error": "\(error)"])
                    self.deliverFailure(
                        .reducerFailed("\(error)"), name: name, args: args, requestId: requestId, timestamp: timestamp,
                        notifyCaller: notifyCaller, caller: caller, started: started)
                })
        case .failure(let error):
            deliverFailure(
                error, name: name, args: args, requestId: requestId, timestamp: timestamp, notifyCaller: notifyCaller,
                caller: caller, started: started)
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
            caller.send([
                V2.ServerMessage.reducerResult(
                    V2.ReducerResult(requestId: requestId, timestamp: resultTimestamp, result: outcome)
                ).bsatnBytes()
            ])
        } else {
            // 2.x servers echo the call's request id on failures (1.x servers sent 0).
            let update = V1.TransactionUpdate(
                status: .failed(error.description), timestamp: timestamp, callerIdentity: caller.identity,
                callerConnectionId: caller.connectionId,
                reducerCall: V1.ReducerCallInfo(
                    reducerName: name, reducerId: QuickstartChatModule.reducerId(of: name), args: args,
                    requestId: requestId),
                energyQuantaUsed: EnergyQuanta(quanta: 0), totalHostExecutionDuration: elapsedDuration(since: started))
            caller.send([V1.ServerMessage.transactionUpdate(update).bsatnBytes()])
        }
    }

    /// What a non-caller's update depends on: clients with equal keys get identical bytes.
    private struct DeliveryKey: Hashable {
        var usesV2Messages: Bool
        var light: Bool
        var setIds: [UInt32]
        var queries: [[SQLQuery]]
    }

    /// Sends each client what a committed transaction changed in its queries (the caller: its result).
    func deliverCommitted(
        _ changes: TransactionChanges, reducer: String, args: [UInt8], requestId: UInt32, timestamp: Timestamp,
        caller: ClientSession?, notifyCaller: Bool, started: ContinuousClock.Instant
    ) {
        let duration = elapsedDuration(since: started)
        let reducerCall = V1.ReducerCallInfo(
            reducerName: reducer, reducerId: QuickstartChatModule.reducerId(of: reducer), args: args, requestId: requestId)
        // Most clients subscribe to the same queries: encode each distinct update once (nil: nothing to send).
        var encoded: [DeliveryKey: [UInt8]?] = [:]
        for (id, session) in sessions {
            guard let subscription = subscriptions[id] else { continue }
            let isCaller = notifyCaller && caller?.id == id
            let usesV2 = session.webSocketProtocol.usesV2Messages
            let key = DeliveryKey(
                usesV2Messages: usesV2, light: !usesV2 && session.light, setIds: usesV2 ? subscription.v2Sets.map(\.id) : [],
                queries: usesV2 ? subscription.v2Sets.map(\.queries) : [subscription.v1Queries])
            if !isCaller, let cached = encoded[key] {
                if let bytes = cached { session.send([bytes]) }
                continue
            }
            let message: [UInt8]?
            if usesV2 {
                let querySets = changes.isEmpty
                    ? [] : UpdateBuilder.v2QuerySetUpdates(sets: subscription.v2Sets, changes: changes)
                if isCaller {
                    message = V2.ServerMessage.reducerResult(
                        V2.ReducerResult(
                            requestId: requestId, timestamp: timestamp,
                            result: .ok(
                                V2.ReducerOk(retValue: [], transactionUpdate: V2.TransactionUpdate(querySets: querySets))))
                    ).bsatnBytes()
                } else if !querySets.isEmpty {
                    message = V2.ServerMessage.transactionUpdate(V2.TransactionUpdate(querySets: querySets)).bsatnBytes()
                } else {
                    message = nil
                }
            } else {
                let update = changes.isEmpty
                    ? V1.DatabaseUpdate(tables: [])
                    : UpdateBuilder.v1TransactionUpdate(queries: subscription.v1Queries, changes: changes)
                if !isCaller && update.tables.isEmpty {
                    message = nil
                } else if !isCaller && session.light {
                    message = V1.ServerMessage.transactionUpdateLight(
                        V1.TransactionUpdateLight(requestId: requestId, update: update)
                    ).bsatnBytes()
                } else {
                    message = V1.ServerMessage.transactionUpdate(
                        V1.TransactionUpdate(
                            status: .committed(update), timestamp: timestamp,
                            callerIdentity: caller?.identity ?? .zero, callerConnectionId: caller?.connectionId ?? .zero,
                            reducerCall: reducerCall, energyQuantaUsed: EnergyQuanta(quanta: 0),
                            totalHostExecutionDuration: duration)
                    ).bsatnBytes()
                }
            }
            if !isCaller { encoded[key] = .some(message) }
            if let message { session.send([message]) }
        }
    }

    /// Tells subscribers about a lifecycle reducer's changes; the connecting client itself is not a caller
    /// that expects a result (it has no subscriptions yet, or is gone).
    func broadcastLifecycle(reducer: String, caller: ClientSession, changes: TransactionChanges) {
        let normalized = changes.normalized
        guard !normalized.isEmpty else { return }
        deliverCommitted(
            normalized, reducer: reducer, args: [], requestId: 0, timestamp: .now(), caller: caller,
            notifyCaller: false, started: .now)
    }
}
