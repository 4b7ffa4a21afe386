import SpacetimeDB
import Synchronization
import Testing

/// The generated `RemoteProcedures` against the real SDK over an in-memory transport: each call sends
/// the procedure's canonical name and its arguments' BSATN, and the completion gets the typed return value.
@Suite("Generated procedure calls")
struct ProcedureCallTests {
    /// A transport whose server side is the test: frames the client sent are kept; events are delivered by hand.
    final class Transport: SpacetimeTransport {
        let onEvent: @Sendable (TransportEvent) -> Void
        private let frames = Mutex<[[UInt8]]>([])

        init(onEvent: @escaping @Sendable (TransportEvent) -> Void) { self.onEvent = onEvent }

        var sent: [[UInt8]] { frames.withLock { $0 } }
        func send(_ message: [UInt8]) { frames.withLock { $0.append(message) } }
        func close() { onEvent(.closed(nil)) }
    }

    /// Hands out one ``Transport`` per connection attempt and keeps the latest.
    final class Connector: TransportConnector {
        private let latestTransport = Mutex<Transport?>(nil)

        var latest: Transport? { latestTransport.withLock { $0 } }

        func connect(_ request: ConnectRequest, onEvent: @escaping @Sendable (TransportEvent) -> Void) -> any SpacetimeTransport {
            let transport = Transport(onEvent: onEvent)
            latestTransport.withLock { $0 = transport }
            return transport
        }
    }

    /// What completions received, in call order.
    final class Outcomes<Value: Sendable>: Sendable {
        private let entries = Mutex<[Result<Value, ProcedureError>]>([])

        func record(_: DbConnection, _ result: Result<Value, ProcedureError>) { entries.withLock { $0.append(result) } }
        var all: [Result<Value, ProcedureError>] { entries.withLock { $0 } }
    }

    static func frame(_ message: V2.ServerMessage) -> [UInt8] {
        ServerFrameCodec.encode(payload: message.bsatnBytes(), using: .none)
    }

    /// A connection over v2 that has received its identity, with its transport.
    static func connected() throws -> (DbConnection, Transport) {
        let connector = Connector()
        let connection = try DbConnection.builder().withUri("http://localhost:3000").withDatabaseName("rich")
            .withProtocols([.v2]).withTransport(connector).build()
        let transport = try #require(connector.latest)
        transport.onEvent(.opened(.v2))
        transport.onEvent(.frame(frame(.initialConnection(
            V2.InitialConnection(identity: .zero, connectionId: ConnectionId(0), token: "t")))))
        connection.frameTick()
        #expect(connection.status == .connected)
        return (connection, transport)
    }

    /// The procedure calls the client sent.
    static func calls(_ transport: Transport) throws -> [V2.CallProcedure] {
        try transport.sent.compactMap { bytes in
            if case .callProcedure(let call) = try V2.ClientMessage(bsatnBytes: bytes) { return call }
            return nil
        }
    }

    static func result(_ requestId: UInt32, _ status: V2.ProcedureStatus) -> [UInt8] {
        frame(.procedureResult(V2.ProcedureResult(
            status: status, timestamp: .unixEpoch, totalHostExecutionDuration: .zero, requestId: requestId)))
    }

    @Test("findPlayer sends find_player with its arguments; the completion decodes Player? both ways")
    func findPlayer() throws {
        let (connection, transport) = try Self.connected()
        let outcomes = Outcomes<Player?>()
        let since = Timestamp(microsecondsSinceUnixEpoch: 42)
        connection.procedures.findPlayer(gamertag: "zoë", since: since, outcomes.record)
        connection.procedures.findPlayer(gamertag: "nobody", since: nil, outcomes.record)
        let calls = try Self.calls(transport)
        #expect(calls.map(\.procedure) == ["find_player", "find_player"])
        #expect(calls.map(\.args) == [
            FindPlayerProcedureArgs(gamertag: "zoë", since: since).bsatnBytes(),
            FindPlayerProcedureArgs(gamertag: "nobody", since: nil).bsatnBytes(),
        ])
        #expect(try FindPlayerProcedureArgs(bsatnBytes: calls[0].args) == FindPlayerProcedureArgs(gamertag: "zoë", since: since))

        let player = Player(
            id: 7, gamertag: "zoë", class: .rogue, default: nil, self_: false,
            stats: Stats(i8: 0, u8: 0, i16: 0, u16: 0, i32: 0, u32: 0, i64: 0, u64: 0, i128: 0, u128: 0,
                i256: Int256(0), u256: UInt256(0), f32: 0, f64: 0),
            inventory: [], avatar: [], identity: .zero, lastSeen: since, writer: 0)
        let found: Player? = player
        let missing: Player? = nil
        transport.onEvent(.frame(Self.result(calls[0].requestId, .returned(found.bsatnBytes()))))
        transport.onEvent(.frame(Self.result(calls[1].requestId, .returned(missing.bsatnBytes()))))
        connection.frameTick()
        #expect(outcomes.all == [.success(player), .success(nil)])
    }

    @Test("fetchScores decodes the alias; purgeEvents returns the unit; failures and bad bytes reach the completion")
    func otherReturns() throws {
        let (connection, transport) = try Self.connected()
        let scores = Outcomes<Scores>()
        let purged = Outcomes<BSATNUnit>()
        connection.procedures.fetchScores(scores.record)
        connection.procedures.fetchScores(scores.record)
        connection.procedures.purgeEvents(olderThan: TimeDuration(microseconds: 5), purged.record)
        connection.procedures.purgeEvents(olderThan: .zero, purged.record)
        let calls = try Self.calls(transport)
        #expect(calls.map(\.procedure) == ["fetch_scores", "fetch_scores", "purge_events", "purge_events"])
        #expect(calls[0].args == [])
        #expect(calls[2].args == [5, 0, 0, 0, 0, 0, 0, 0])
        let values: Scores = [3, 1, 2]
        transport.onEvent(.frame(Self.result(calls[0].requestId, .returned(values.bsatnBytes()))))
        transport.onEvent(.frame(Self.result(calls[1].requestId, .internalError("no scores"))))
        transport.onEvent(.frame(Self.result(calls[2].requestId, .returned([]))))
        transport.onEvent(.frame(Self.result(calls[3].requestId, .returned([0xFF]))))
        connection.frameTick()
        #expect(scores.all.count == 2)
        #expect(try scores.all.first?.get() == values)
        #expect(scores.all.last == .failure(.internalError("no scores")))
        #expect(purged.all.count == 2)
        #expect(try purged.all.first?.get() == BSATNUnit())
        guard case .failure(.undecodableReturn) = purged.all.last else {
            Issue.record("a unit return with a byte left over should be undecodable, got \(String(describing: purged.all.last))")
            return
        }
    }

    @Test("procedure arguments round-trip through BSATN with SpacetimeDB's layout")
    func argumentsRoundTrip() throws {
        #expect(try RoundTripTests.roundTrip(FetchScoresProcedureArgs()) == [])
        let args = FindPlayerProcedureArgs(gamertag: "ab", since: Timestamp(microsecondsSinceUnixEpoch: 1))
        // u32 length 2, "ab", then Some (tag 0) and the i64 microseconds.
        #expect(try RoundTripTests.roundTrip(args) == [2, 0, 0, 0, 0x61, 0x62, 0, 1, 0, 0, 0, 0, 0, 0, 0])
        #expect(try RoundTripTests.roundTrip(FindPlayerProcedureArgs(gamertag: "", since: nil)) == [0, 0, 0, 0, 1])
        let older = PurgeEventsProcedureArgs(olderThan: TimeDuration(microseconds: -2))
        #expect(try RoundTripTests.roundTrip(older) == [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
    }
}
