import PropertyBased
import QuickstartChat
import SpacetimeDB

/// Builds random protocol values of every variant from a seeded generator, for round-trip tests.
struct RandomMessages {
    var rng: Xoshiro

    init(seed: UInt64) {
        rng = Xoshiro(seed: (seed, seed ^ 0x9E37_79B9_7F4A_7C15, ~seed, seed &* 31 &+ 7))
    }

    mutating func int<T: FixedWidthInteger>(_: T.Type = T.self) -> T { T.random(in: T.min...T.max, using: &rng) }
    mutating func below(_ n: Int) -> Int { Int.random(in: 0..<n, using: &rng) }
    mutating func bool() -> Bool { Bool.random(using: &rng) }
    mutating func maybe<T>(_ make: (inout RandomMessages) -> T) -> T? { bool() ? make(&self) : nil }
    mutating func list<T>(max: Int = 3, _ make: (inout RandomMessages) -> T) -> [T] {
        (0..<below(max + 1)).map { _ in make(&self) }
    }

    mutating func bytes(max: Int = 24) -> [UInt8] { (0..<below(max + 1)).map { _ in int(UInt8.self) } }
    mutating func string() -> String {
        let pieces = ["a", "Z", "0", " ", "é", "漢", "🎉", "\u{0}", "\n", "\"", "SELECT * FROM user"]
        return (0..<below(6)).map { _ in pieces[below(pieces.count)] }.joined()
    }
    mutating func identity() -> Identity { Identity(UInt256(low: int(UInt128.self), high: int(UInt128.self))) }
    mutating func connectionId() -> ConnectionId { ConnectionId(int(UInt128.self)) }
    mutating func timestamp() -> Timestamp { Timestamp(microsecondsSinceUnixEpoch: int(Int64.self)) }
    mutating func duration() -> TimeDuration { TimeDuration(microseconds: int(Int64.self)) }

    mutating func user() -> User { User(identity: identity(), name: maybe { $0.string() }, online: bool()) }
    mutating func message() -> Message { Message(sender: identity(), sent: timestamp(), text: string()) }

    /// A row list built the server's way, or with an arbitrary (still consistent) hint.
    mutating func rowList() -> BsatnRowList {
        switch below(3) {
        case 0: return BsatnRowList(rows: list { $0.user() })
        case 1: return BsatnRowList(rows: list { $0.message() })
        default:
            let rows = list(max: 4) { $0.bytes(max: 5) }
            var offsets: [UInt64] = []
            var total: UInt64 = 0
            for row in rows {
                offsets.append(total)
                total += UInt64(row.count)
            }
            return BsatnRowList(sizeHint: .rowOffsets(offsets), rowsData: rows.flatMap { $0 }[...])
        }
    }

    // MARK: v1

    mutating func v1QueryUpdate() -> V1.QueryUpdate { V1.QueryUpdate(deletes: rowList(), inserts: rowList()) }
    mutating func v1Compressable() -> V1.CompressableQueryUpdate {
        V1.CompressableQueryUpdate(v1QueryUpdate(), compression: Compression.allCases[below(3)])
    }
    mutating func v1TableUpdate() -> V1.TableUpdate {
        V1.TableUpdate(tableId: int(), tableName: string(), numRows: int(), updates: list { $0.v1Compressable() })
    }
    mutating func v1DatabaseUpdate() -> V1.DatabaseUpdate { V1.DatabaseUpdate(tables: list { $0.v1TableUpdate() }) }
    mutating func v1SubscribeRows() -> V1.SubscribeRows {
        V1.SubscribeRows(tableId: int(), tableName: string(), tableRows: v1TableUpdate())
    }

    mutating func v1Client() -> V1.ClientMessage {
        switch below(8) {
        case 0: return .callReducer(.init(reducer: string(), args: bytes(), requestId: int(), flags: bool() ? .fullUpdate : .noSuccessNotify))
        case 1: return .subscribe(.init(queryStrings: list { $0.string() }, requestId: int()))
        case 2: return .oneOffQuery(.init(messageId: bytes(), queryString: string()))
        case 3: return .subscribeSingle(.init(query: string(), requestId: int(), queryId: QueryId(int())))
        case 4: return .subscribeMulti(.init(queryStrings: list { $0.string() }, requestId: int(), queryId: QueryId(int())))
        case 5: return .unsubscribe(.init(requestId: int(), queryId: QueryId(int())))
        case 6: return .unsubscribeMulti(.init(requestId: int(), queryId: QueryId(int())))
        default: return .callProcedure(.init(procedure: string(), args: bytes(), requestId: int(), flags: .default))
        }
    }

    mutating func v1Server() -> V1.ServerMessage {
        switch below(11) {
        case 0: return .initialSubscription(.init(databaseUpdate: v1DatabaseUpdate(), requestId: int(), totalHostExecutionDuration: duration()))
        case 1:
            let status: V1.UpdateStatus
            switch below(3) {
            case 0: status = .committed(v1DatabaseUpdate())
            case 1: status = .failed(string())
            default: status = .outOfEnergy
            }
            return .transactionUpdate(
                .init(
                    status: status, timestamp: timestamp(), callerIdentity: identity(), callerConnectionId: connectionId(),
                    reducerCall: .init(reducerName: string(), reducerId: int(), args: bytes(), requestId: int()),
                    energyQuantaUsed: EnergyQuanta(int()), totalHostExecutionDuration: duration()))
        case 2: return .transactionUpdateLight(.init(requestId: int(), update: v1DatabaseUpdate()))
        case 3: return .identityToken(.init(identity: identity(), token: string(), connectionId: connectionId()))
        case 4:
            return .oneOffQueryResponse(
                .init(
                    messageId: bytes(), error: maybe { $0.string() },
                    tables: list { V1.OneOffTable(tableName: $0.string(), rows: $0.rowList()) }, totalHostExecutionDuration: duration()))
        case 5: return .subscribeApplied(.init(requestId: int(), totalHostExecutionDurationMicros: int(), queryId: QueryId(int()), rows: v1SubscribeRows()))
        case 6: return .unsubscribeApplied(.init(requestId: int(), totalHostExecutionDurationMicros: int(), queryId: QueryId(int()), rows: v1SubscribeRows()))
        case 7:
            return .subscriptionError(
                .init(
                    totalHostExecutionDurationMicros: int(), requestId: maybe { $0.int() }, queryId: maybe { $0.int() },
                    tableId: maybe { $0.int() }, error: string()))
        case 8: return .subscribeMultiApplied(.init(requestId: int(), totalHostExecutionDurationMicros: int(), queryId: QueryId(int()), update: v1DatabaseUpdate()))
        case 9: return .unsubscribeMultiApplied(.init(requestId: int(), totalHostExecutionDurationMicros: int(), queryId: QueryId(int()), update: v1DatabaseUpdate()))
        default:
            let status: V1.ProcedureStatus
            switch below(3) {
            case 0: status = .returned(bytes())
            case 1: status = .outOfEnergy
            default: status = .internalError(string())
            }
            return .procedureResult(.init(status: status, timestamp: timestamp(), totalHostExecutionDuration: duration(), requestId: int()))
        }
    }

    // MARK: v2

    mutating func v2QueryRows() -> V2.QueryRows {
        V2.QueryRows(tables: list { V2.SingleTableRows(table: $0.string(), rows: $0.rowList()) })
    }
    mutating func v2TransactionUpdate() -> V2.TransactionUpdate {
        V2.TransactionUpdate(
            querySets: list { r in
                V2.QuerySetUpdate(
                    querySetId: QuerySetId(r.int()),
                    tables: r.list { r in
                        V2.TableUpdate(
                            tableName: r.string(),
                            rows: r.list { r in
                                r.bool()
                                    ? .persistentTable(.init(inserts: r.rowList(), deletes: r.rowList()))
                                    : .eventTable(.init(events: r.rowList()))
                            })
                    })
            })
    }

    mutating func v2Client() -> V2.ClientMessage {
        switch below(5) {
        case 0: return .subscribe(.init(requestId: int(), querySetId: QuerySetId(int()), queryStrings: list { $0.string() }))
        case 1: return .unsubscribe(.init(requestId: int(), querySetId: QuerySetId(int()), flags: bool() ? .default : .sendDroppedRows))
        case 2: return .oneOffQuery(.init(requestId: int(), queryString: string()))
        case 3: return .callReducer(.init(requestId: int(), flags: 0, reducer: string(), args: bytes()))
        default: return .callProcedure(.init(requestId: int(), flags: 0, procedure: string(), args: bytes()))
        }
    }

    mutating func v2Server() -> V2.ServerMessage {
        switch below(8) {
        case 0: return .initialConnection(.init(identity: identity(), connectionId: connectionId(), token: string()))
        case 1: return .subscribeApplied(.init(requestId: int(), querySetId: QuerySetId(int()), rows: v2QueryRows()))
        case 2: return .unsubscribeApplied(.init(requestId: int(), querySetId: QuerySetId(int()), rows: maybe { $0.v2QueryRows() }))
        case 3: return .subscriptionError(.init(requestId: maybe { $0.int() }, querySetId: QuerySetId(int()), error: string()))
        case 4: return .transactionUpdate(v2TransactionUpdate())
        case 5: return .oneOffQueryResult(.init(requestId: int(), result: bool() ? .ok(v2QueryRows()) : .err(string())))
        case 6:
            let outcome: V2.ReducerOutcome
            switch below(4) {
            case 0: outcome = .ok(.init(retValue: bytes(), transactionUpdate: v2TransactionUpdate()))
            case 1: outcome = .okEmpty
            case 2: outcome = .err(bytes())
            default: outcome = .internalError(string())
            }
            return .reducerResult(.init(requestId: int(), timestamp: timestamp(), result: outcome))
        default:
            return .procedureResult(
                .init(
                    status: bool() ? .returned(bytes()) : .internalError(string()), timestamp: timestamp(),
                    totalHostExecutionDuration: duration(), requestId: int()))
        }
    }
}
