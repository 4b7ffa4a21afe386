/// Turns one received frame into ``ServerEvent``s for the protocol the server selected.
///
/// Uses the protocol layer's codecs (``V1/ServerMessage``, ``V2/ServerMessage``, ``V3``); this
/// type only maps their messages onto what they mean to the client.
enum ServerEventDecoder {
    static func decode(
        frame: [UInt8], version: ProtocolVersion, names: KnownStrings = .none
    ) throws(ProtocolError) -> [ServerEvent] {
        switch version {
        case .v1, .v2:
            guard let event = try singleEvent(frame: frame, version: version, names: names) else { return [] }
            return [event]
        case .v3:
            let payload: ArraySlice<UInt8>
            do { payload = try ServerFrameCodec.decode(frame[...]).payload } catch { throw .compression(error) }
            // Frames of transactions and reducer results: decoded straight into their events.
            if let events = V2TransactionDecoder.events(v3Payload: payload, names: names) { return events }
            var events: [ServerEvent] = []
            for message in try V3.decodeServerMessages(payload) { events.append(try event(from: message)) }
            return events
        }
    }

    /// What the general v3 decoder makes of `frame` (``V3/decodeServerFrame(_:maxDecompressedSize:)``,
    /// then ``event(from:)-(V2.ServerMessage)``), without ``V2TransactionDecoder``.
    static func generalV3Events(frame: [UInt8]) throws(ProtocolError) -> [ServerEvent] {
        var events: [ServerEvent] = []
        for message in try V3.decodeServerFrame(frame[...]) { events.append(try event(from: message)) }
        return events
    }

    /// The one event of a v1 or v2 frame (no array around it: an allocation per message); nil for
    /// v3, whose frames may carry several (use ``decode(frame:version:)``). `names`: the module's
    /// table and reducer names, which v1 and v2 transactions then share instead of decoding.
    static func singleEvent(
        frame: [UInt8], version: ProtocolVersion, names: KnownStrings = .none
    ) throws(ProtocolError) -> ServerEvent? {
        switch version {
        case .v1:
            let payload: ArraySlice<UInt8>
            do { payload = try ServerFrameCodec.decode(frame[...]).payload } catch { throw .compression(error) }
            // Most v1 messages are transactions: decoded straight into their event.
            if let event = V1TransactionDecoder.event(payload: payload, names: names) { return event }
            let message: V1.ServerMessage
            do { message = try V1.ServerMessage(bsatnBytes: payload) } catch { throw .decoding(error) }
            return try event(from: message)
        case .v2:
            let payload: ArraySlice<UInt8>
            do { payload = try ServerFrameCodec.decode(frame[...]).payload } catch { throw .compression(error) }
            // Most v2 messages are transactions and reducer results: decoded straight into their event.
            if let event = V2TransactionDecoder.event(payload: payload, names: names) { return event }
            let message: V2.ServerMessage
            do { message = try V2.ServerMessage(bsatnBytes: payload) } catch { throw .decoding(error) }
            return try event(from: message)
        case .v3:
            return nil
        }
    }

    /// What the general v2 decoder makes of `frame` (``V2/ServerMessage``, then ``event(from:)-(V2.ServerMessage)``),
    /// without ``V2TransactionDecoder``: what the fast path must agree with.
    static func generalV2Event(frame: [UInt8]) throws(ProtocolError) -> ServerEvent {
        try event(from: V2.ServerMessage(frame: frame[...]))
    }

    /// What the general v1 decoder makes of `frame` (``V1/ServerMessage``, then ``event(from:)-(V1.ServerMessage)``),
    /// without ``V1TransactionDecoder``: what the fast path must agree with.
    static func generalV1Event(frame: [UInt8]) throws(ProtocolError) -> ServerEvent {
        try event(from: V1.ServerMessage(frame: frame[...]))
    }

    // MARK: v1

    static func event(from message: V1.ServerMessage) throws(ProtocolError) -> ServerEvent {
        switch message {
        case .identityToken(let token):
            return .identity(token.identity, token.connectionId, token: token.token)
        case .initialSubscription(let initial):
            return .subscribeApplied(
                querySetId: nil, legacyRequestId: initial.requestId, changes: try changes(initial.databaseUpdate))
        case .subscribeApplied(let applied):
            return .subscribeApplied(
                querySetId: applied.queryId.id, legacyRequestId: nil, changes: [try changes(applied.rows.tableRows)])
        case .subscribeMultiApplied(let applied):
            return .subscribeApplied(querySetId: applied.queryId.id, legacyRequestId: nil, changes: try changes(applied.update))
        case .unsubscribeApplied(let applied):
            return .unsubscribeApplied(querySetId: applied.queryId.id, changes: [try changes(applied.rows.tableRows)])
        case .unsubscribeMultiApplied(let applied):
            return .unsubscribeApplied(querySetId: applied.queryId.id, changes: try changes(applied.update))
        case .subscriptionError(let error):
            return .subscriptionError(requestId: error.requestId, querySetId: error.queryId, message: error.error)
        case .transactionUpdate(let update):
            let status: ReducerStatus
            var rowChanges: [TableRowChanges] = []
            switch update.status {
            case .committed(let database):
                status = .committed
                rowChanges = try changes(database)
            case .failed(let message): status = .failed(message)
            case .outOfEnergy: status = .outOfEnergy
            }
            let info = ReducerTransaction(
                reducerName: update.reducerCall.reducerName, args: update.reducerCall.args,
                requestId: update.reducerCall.requestId, status: status, timestamp: update.timestamp,
                callerIdentity: update.callerIdentity, callerConnectionId: update.callerConnectionId,
                energy: update.energyQuantaUsed.quanta)
            return .reducerTransaction(info, changes: rowChanges)
        case .transactionUpdateLight(let light):
            return .transaction(changes: try changes(light.update))
        case .oneOffQueryResponse(let response):
            let requestId = requestId(fromMessageId: response.messageId)
            if let error = response.error { return .oneOffResult(requestId: requestId, .failure(.server(error))) }
            return .oneOffResult(
                requestId: requestId,
                .success(response.tables.map { OneOffQueryRows.Table(name: $0.tableName, rows: $0.rows) }))
        case .procedureResult(let result):
            switch result.status {
            case .returned(let bytes): return .procedureResult(requestId: result.requestId, .success(bytes))
            case .outOfEnergy: return .procedureResult(requestId: result.requestId, .failure(.outOfEnergy))
            case .internalError(let message): return .procedureResult(requestId: result.requestId, .failure(.internalError(message)))
            }
        }
    }

    /// The request id this SDK put into a v1 one-off query's `message_id` (4 bytes, little-endian).
    static func requestId(fromMessageId bytes: [UInt8]) -> UInt32? {
        guard bytes.count == 4 else { return nil }
        return bytes.reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func changes(_ update: V1.DatabaseUpdate) throws(ProtocolError) -> [TableRowChanges] {
        var result: [TableRowChanges] = []
        result.reserveCapacity(update.tables.count)
        for table in update.tables { result.append(try changes(table)) }
        return result
    }

    /// One table's changes (not wrapped in an array: appending a one-element array per table was an
    /// allocation and a copy per transaction).
    static func changes(_ table: V1.TableUpdate) throws(ProtocolError) -> TableRowChanges {
        var inserts: [BsatnRowList] = []
        var deletes: [BsatnRowList] = []
        for update in table.updates {
            let query = try update.queryUpdate()
            if !query.inserts.hasNoRows { inserts.appendList(query.inserts) }
            if !query.deletes.hasNoRows { deletes.appendList(query.deletes) }
        }
        return TableRowChanges(tableName: table.tableName, inserts: inserts, deletes: deletes)
    }

    // MARK: v2 / v3

    static func event(from message: V2.ServerMessage) throws(ProtocolError) -> ServerEvent {
        switch message {
        case .initialConnection(let connection):
            return .identity(connection.identity, connection.connectionId, token: connection.token)
        case .subscribeApplied(let applied):
            return .subscribeApplied(
                querySetId: applied.querySetId.id, legacyRequestId: nil,
                changes: applied.rows.tables.map { TableRowChanges(tableName: $0.table, inserts: [$0.rows], deletes: []) })
        case .unsubscribeApplied(let applied):
            let tables = applied.rows?.tables ?? []
            return .unsubscribeApplied(
                querySetId: applied.querySetId.id,
                changes: tables.map { TableRowChanges(tableName: $0.table, inserts: [], deletes: [$0.rows]) })
        case .subscriptionError(let error):
            return .subscriptionError(requestId: error.requestId, querySetId: error.querySetId.id, message: error.error)
        case .transactionUpdate(let update):
            return .transaction(changes: changes(update))
        case .oneOffQueryResult(let result):
            switch result.result {
            case .ok(let rows):
                return .oneOffResult(
                    requestId: result.requestId,
                    .success(rows.tables.map { OneOffQueryRows.Table(name: $0.table, rows: $0.rows) }))
            case .err(let message):
                return .oneOffResult(requestId: result.requestId, .failure(.server(message)))
            }
        case .reducerResult(let result):
            var rowChanges: [TableRowChanges] = []
            let status: ReducerStatus
            switch result.result {
            case .ok(let ok):
                status = .committed
                rowChanges = changes(ok.transactionUpdate)
            case .okEmpty:
                status = .committed
            case .err(let payload):
                // A `Result<(), String>` reducer's error is a BSATN String; other error types are shown as hex.
                let text = (try? String(bsatnBytes: payload))
                    ?? "reducer error (\(payload.count) bytes: \(payload.map { String($0, radix: 16) }.joined()))"
                status = .failed(text)
            case .internalError(let message):
                status = .internalError(message)
            }
            return .reducerResult(requestId: result.requestId, timestamp: result.timestamp, status: status, changes: rowChanges)
        case .procedureResult(let result):
            switch result.status {
            case .returned(let bytes): return .procedureResult(requestId: result.requestId, .success(bytes))
            case .internalError(let message): return .procedureResult(requestId: result.requestId, .failure(.internalError(message)))
            }
        }
    }

    static func changes(_ update: V2.TransactionUpdate) -> [TableRowChanges] {
        var result: [TableRowChanges] = []
        for querySet in update.querySets {
            for table in querySet.tables {
                var change = TableRowChanges(tableName: table.tableName, inserts: [], deletes: [])
                for rows in table.rows {
                    switch rows {
                    case .persistentTable(let persistent):
                        // Lists without rows (a transaction's deletes, usually) would only be carried along.
                        if !persistent.inserts.hasNoRows { change.inserts.appendList(persistent.inserts) }
                        if !persistent.deletes.hasNoRows { change.deletes.appendList(persistent.deletes) }
                    case .eventTable(let rows):
                        // Insert callbacks only; the cache never holds event rows (Rust SDK 2.x,
                        // `TableUpdate::into_event_diff`).
                        change.events.append(rows.events)
                    }
                }
                result.append(change)
            }
        }
        return result
    }
}
