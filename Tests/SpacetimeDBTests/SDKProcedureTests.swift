import Foundation
import QuickstartChat
import Synchronization
import Testing
@testable import SpacetimeDB

/// What procedure completions received, in order, and whether each got the connection it was called on.
final class ProcedureOutcomes<Value: Sendable & Equatable>: Sendable {
    private let entries = Mutex<[Result<Value, ProcedureError>]>([])
    private let sameConnection = Mutex(true)

    /// A completion that records into this log; `connection` is the one the call is made on.
    func completion(for connection: DbConnection) -> @Sendable (DbConnection, Result<Value, ProcedureError>) -> Void {
        { [self] received, result in
            if received !== connection { sameConnection.withLock { $0 = false } }
            entries.withLock { $0.append(result) }
        }
    }

    var all: [Result<Value, ProcedureError>] { entries.withLock { $0 } }
    var allGotTheirConnection: Bool { sameConnection.withLock { $0 } }
}

/// Procedure calls over the in-memory transport, drained with `frameTick()` on the test's thread.
@Suite struct SDKProcedureTests {
    typealias F = SDKFixtures
    typealias Raw = ProcedureOutcomes<[UInt8]>

    /// A connection over `connector`, not opened yet.
    static func build(_ connector: InMemoryConnector, reconnect: ReconnectPolicy? = nil) throws -> DbConnection {
        var builder = DbConnection.builder().withUri("http://localhost:3000").withDatabaseName("quickstart-chat")
            .withTransport(connector)
        if let reconnect { builder = builder.withReconnect(reconnect) }
        return try builder.build()
    }

    /// A connection opened with `version` and identified.
    static func opened(_ version: ProtocolVersion) throws -> (DbConnection, InMemoryTransport) {
        let connector = InMemoryConnector()
        let conn = try build(connector)
        let transport = try #require(connector.latest)
        transport.open(version)
        transport.deliver(serverFrame([F.v2Identity()], version: version))
        conn.frameTick()
        #expect(conn.status == .connected)
        return (conn, transport)
    }

    /// `messages` as one frame of `version` (v1 gets the same meaning in its own messages).
    static func serverFrame(_ messages: [V2.ServerMessage], version: ProtocolVersion) -> [UInt8] {
        switch version {
        case .v1:
            precondition(messages.count == 1, "a v1 frame carries one message")
            return F.v1(v1Equivalent(messages[0]))
        case .v2:
            precondition(messages.count == 1, "a v2 frame carries one message")
            return F.v2(messages[0])
        case .v3:
            return V3.encodeServerFrame(messages, requested: .none)
        }
    }

    /// The v1 message for the two v2 messages these tests send.
    static func v1Equivalent(_ message: V2.ServerMessage) -> V1.ServerMessage {
        switch message {
        case .initialConnection(let connection):
            return .identityToken(V1.IdentityToken(
                identity: connection.identity, token: connection.token, connectionId: connection.connectionId))
        case .procedureResult(let result):
            let status: V1.ProcedureStatus
            switch result.status {
            case .returned(let bytes): status = .returned(bytes)
            case .internalError(let message): status = .internalError(message)
            }
            return .procedureResult(V1.ProcedureResult(
                status: status, timestamp: result.timestamp,
                totalHostExecutionDuration: result.totalHostExecutionDuration, requestId: result.requestId))
        default:
            preconditionFailure("no v1 equivalent written for \(message)")
        }
    }

    static func result(_ requestId: UInt32, _ status: V2.ProcedureStatus) -> V2.ServerMessage {
        .procedureResult(V2.ProcedureResult(
            status: status, timestamp: Timestamp(microsecondsSinceUnixEpoch: 1_718_487_775_346_381),
            totalHostExecutionDuration: TimeDuration(microseconds: 12), requestId: requestId))
    }

    static func v1Result(_ requestId: UInt32, _ status: V1.ProcedureStatus) -> [UInt8] {
        F.v1(.procedureResult(V1.ProcedureResult(
            status: status, timestamp: Timestamp(microsecondsSinceUnixEpoch: 1_718_487_775_346_381),
            totalHostExecutionDuration: TimeDuration(microseconds: 12), requestId: requestId)))
    }

    /// Little-endian u32, then the bytes: how BSATN writes a string's or an array's length prefix.
    static func prefixed(_ bytes: [UInt8]) -> [UInt8] { le(UInt32(bytes.count)) + bytes }
    static func le(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    /// The procedure calls among the client messages of one transport, as v2 messages (v1 converted).
    static func sentCalls(_ transport: InMemoryTransport, _ version: ProtocolVersion) throws -> [V2.CallProcedure] {
        switch version {
        case .v1:
            return try transport.sentV1().compactMap {
                guard case .callProcedure(let call) = $0 else { return nil }
                #expect(call.flags == .default)
                return V2.CallProcedure(requestId: call.requestId, flags: 0, procedure: call.procedure, args: call.args)
            }
        case .v2:
            return try transport.sentV2().compactMap { if case .callProcedure(let call) = $0 { call } else { nil } }
        case .v3:
            return try transport.sent.flatMap { try V3.decodeClientFrame($0[...]) }
                .compactMap { if case .callProcedure(let call) = $0 { call } else { nil } }
        }
    }

    // MARK: - What goes out

    @Test func v1CallProcedureBytesUseTheSharedCounterAndDefaultFlags() throws {
        let (conn, transport) = try Self.opened(.v1)
        // The reducer call below is never answered: closing ends it, instead of the response
        // watchdog logging it 30 s later from a connection the test no longer holds.
        defer { conn.disconnect() }
        let args = SendMessageArgs(text: "hi").bsatnBytes()
        conn.callProcedure("first", args: args) { _, _ in }
        conn.reducers.sendMessage(text: "between")
        conn.callProcedure("second", args: []) { _, _ in }
        let sent = transport.sent
        #expect(sent.count == 3)
        // v1 ClientMessage tag 7: procedure, args, request_id, flags (u8 0 = Default).
        #expect(sent.first == [7] + Self.prefixed(Array("first".utf8)) + Self.prefixed(args) + Self.le(1) + [0])
        #expect(sent.last == [7] + Self.prefixed(Array("second".utf8)) + Self.prefixed([]) + Self.le(3) + [0])
        guard case .callReducer(let between) = try transport.sentV1()[1] else {
            Issue.record("expected the reducer call in between")
            return
        }
        #expect(between.requestId == 2)
        #expect(try transport.sentV1().first
            == .callProcedure(V1.CallProcedure(procedure: "first", args: args, requestId: 1, flags: .default)))
    }

    @Test func v2CallProcedureBytesUseTheSharedCounterAndFlagsZero() throws {
        let (conn, transport) = try Self.opened(.v2)
        conn.subscriptionBuilder().subscribe("SELECT * FROM user")
        let args = SendMessageArgs(text: "hi").bsatnBytes()
        conn.callProcedure("add", args: args) { _, _ in }
        let sent = transport.sent
        #expect(sent.count == 2)
        // v2 ClientMessage tag 4: request_id, flags (u8 0), procedure, args.
        #expect(sent.last == [4] + Self.le(2) + [0] + Self.prefixed(Array("add".utf8)) + Self.prefixed(args))
        #expect(try transport.sentV2().last
            == .callProcedure(V2.CallProcedure(requestId: 2, flags: 0, procedure: "add", args: args)))
    }

    @Test func v3CarriesTheV2CallInABatchedFrame() throws {
        let (conn, transport) = try Self.opened(.v3)
        conn.callProcedure("add", args: [1, 2]) { _, _ in }
        #expect(try Self.sentCalls(transport, .v3) == [V2.CallProcedure(requestId: 1, flags: 0, procedure: "add", args: [1, 2])])
    }

    // MARK: - Results

    @Test(arguments: [ProtocolVersion.v1, .v2, .v3])
    func returnedValuesArriveRawAndTyped(_ version: ProtocolVersion) throws {
        let (conn, transport) = try Self.opened(version)
        let raw = Raw()
        let typed = ProcedureOutcomes<UInt32>()
        let text = ProcedureOutcomes<String>()
        conn.callProcedure("raw", args: [], completion: raw.completion(for: conn))
        conn.callProcedure("typed", args: [], returning: UInt32.self, completion: typed.completion(for: conn))
        conn.callProcedure("text", args: [], returning: String.self, completion: text.completion(for: conn))
        let ids = try Self.sentCalls(transport, version).map(\.requestId)
        #expect(ids == [1, 2, 3])
        // Answered out of order, as the server may: matched by request id.
        let answers = [
            Self.result(3, .returned("héllo".bsatnBytes())),
            Self.result(1, .returned([0xDE, 0xAD])),
            Self.result(2, .returned(UInt32(42).bsatnBytes())),
        ]
        if version == .v3 {
            transport.deliver(Self.serverFrame(answers, version: .v3))
        } else {
            for answer in answers { transport.deliver(Self.serverFrame([answer], version: version)) }
        }
        #expect(raw.all.isEmpty, "completions run only when the connection is drained")
        conn.frameTick()
        #expect(raw.all == [.success([0xDE, 0xAD])])
        #expect(typed.all == [.success(42)])
        #expect(text.all == [.success("héllo")])
        #expect(raw.allGotTheirConnection && typed.allGotTheirConnection && text.allGotTheirConnection)
    }

    @Test(arguments: [ProtocolVersion.v1, .v2, .v3])
    func internalErrorsCarryTheHostsText(_ version: ProtocolVersion) throws {
        let (conn, transport) = try Self.opened(version)
        let typed = ProcedureOutcomes<UInt32>()
        conn.callProcedure("missing", args: [], returning: UInt32.self, completion: typed.completion(for: conn))
        transport.deliver(Self.serverFrame([Self.result(1, .internalError("no such procedure"))], version: version))
        conn.frameTick()
        #expect(typed.all == [.failure(.internalError("no such procedure"))])
        #expect(conn.status == .connected)
    }

    @Test func v1OutOfEnergyIsItsOwnError() throws {
        let (conn, transport) = try Self.opened(.v1)
        let raw = Raw()
        let typed = ProcedureOutcomes<UInt32>()
        conn.callProcedure("costly", args: [], completion: raw.completion(for: conn))
        conn.callProcedure("costly", args: [], returning: UInt32.self, completion: typed.completion(for: conn))
        transport.deliver(Self.v1Result(1, .outOfEnergy))
        transport.deliver(Self.v1Result(2, .outOfEnergy))
        conn.frameTick()
        #expect(raw.all == [.failure(.outOfEnergy)])
        #expect(typed.all == [.failure(.outOfEnergy)])
    }

    @Test(arguments: [
        ([UInt8]([1, 2]), "too short"),
        ([UInt8]([1, 2, 3, 4, 5]), "a byte left over"),
        ([UInt8](), "empty"),
    ])
    func returnValuesThatDoNotDecodeAreUndecodable(_ returned: [UInt8], _ why: String) throws {
        let (conn, transport) = try Self.opened(.v2)
        let typed = ProcedureOutcomes<UInt32>()
        conn.callProcedure("count", args: [], returning: UInt32.self, completion: typed.completion(for: conn))
        transport.deliver(F.v2(Self.result(1, .returned(returned))))
        conn.frameTick()
        let outcome = try #require(typed.all.first, "\(why)")
        guard case .failure(.undecodableReturn(let reason)) = outcome else {
            Issue.record("\(why): expected undecodableReturn, got \(outcome)")
            return
        }
        #expect(!reason.isEmpty)
        #expect(typed.all.count == 1)
        // A bad return value is the call's problem, not the connection's.
        #expect(conn.status == .connected)
        #expect(conn.isActive)
    }

    @Test func resultsForUnknownRequestIdsAreIgnored() throws {
        let (conn, transport) = try Self.opened(.v2)
        let raw = Raw()
        conn.callProcedure("p", args: [], completion: raw.completion(for: conn))
        transport.deliver(F.v2(Self.result(77, .returned([9]))))
        transport.deliver(F.v2(Self.result(0, .internalError("stray"))))
        conn.frameTick()
        #expect(raw.all.isEmpty)
        #expect(conn.status == .connected)
        transport.deliver(F.v2(Self.result(1, .returned([5]))))
        transport.deliver(F.v2(Self.result(1, .returned([6]))))  // a duplicate: already answered
        conn.frameTick()
        #expect(raw.all == [.success([5])])
        #expect(conn.isActive)
    }

    // MARK: - Lifecycle

    @Test(arguments: [ProtocolVersion.v1, .v2, .v3])
    func callsMadeBeforeTheSocketOpensAreSentOnceItDoes(_ version: ProtocolVersion) throws {
        let connector = InMemoryConnector()
        let conn = try Self.build(connector)
        let raw = Raw()
        conn.callProcedure("early", args: [7], completion: raw.completion(for: conn))
        let transport = try #require(connector.latest)
        #expect(transport.sent.isEmpty)
        transport.open(version)
        #expect(try Self.sentCalls(transport, version) == [V2.CallProcedure(requestId: 1, flags: 0, procedure: "early", args: [7])])
        transport.deliver(Self.serverFrame([F.v2Identity()], version: version))
        transport.deliver(Self.serverFrame([Self.result(1, .returned([8]))], version: version))
        conn.frameTick()
        #expect(raw.all == [.success([8])])
        #expect(try Self.sentCalls(transport, version).count == 1, "sent once")
    }

    @Test func disconnectFailsPendingCallsAndLaterCallsFailAtOnce() throws {
        let (conn, _) = try Self.opened(.v1)
        let raw = Raw()
        let typed = ProcedureOutcomes<UInt32>()
        conn.callProcedure("a", args: [], completion: raw.completion(for: conn))
        conn.callProcedure("b", args: [], returning: UInt32.self, completion: typed.completion(for: conn))
        conn.disconnect()
        conn.frameTick()
        #expect(conn.status == .closed(reason: nil))
        #expect(raw.all == [.failure(.disconnected)])
        #expect(typed.all == [.failure(.disconnected)])
        conn.callProcedure("late", args: [], completion: raw.completion(for: conn))
        #expect(raw.all.count == 1, "the failure runs on the drain thread, not inside the call")
        conn.frameTick()
        #expect(raw.all == [.failure(.disconnected), .failure(.disconnected)])
        #expect(raw.allGotTheirConnection && typed.allGotTheirConnection)
    }

    @Test func aLostConnectionWithoutReconnectFailsCallsQueuedAndSent() throws {
        let connector = InMemoryConnector()
        let conn = try Self.build(connector)
        let raw = Raw()
        conn.callProcedure("queued", args: [], completion: raw.completion(for: conn))
        let transport = try #require(connector.latest)
        transport.drop(.connectionLost("refused"))
        conn.frameTick()
        guard case .closed = conn.status else {
            Issue.record("expected closed, got \(conn.status)")
            return
        }
        #expect(raw.all == [.failure(.disconnected)])
    }

    @Test func aDropBeforeAReconnectFailsSentCallsAndSendsQueuedOnesAfterwards() async throws {
        let connector = InMemoryConnector()
        let conn = try Self.build(connector, reconnect: ReconnectPolicy(initialDelay: .milliseconds(10), maximumDelay: .milliseconds(20)))
        let first = try #require(connector.latest)
        first.open(.v2)
        first.deliver(F.v2(F.v2Identity()))
        conn.frameTick()
        let sent = Raw()
        conn.callProcedure("in flight", args: [], completion: sent.completion(for: conn))
        #expect(try Self.sentCalls(first, .v2).map(\.requestId) == [1])
        first.drop(.connectionLost("reset by peer"))
        conn.frameTick()
        #expect(sent.all == [.failure(.disconnected)], "its outcome is unknown: it is not sent again")
        guard case .reconnecting = conn.status else {
            Issue.record("expected reconnecting, got \(conn.status)")
            return
        }
        let queued = Raw()
        conn.callProcedure("queued", args: [3], completion: queued.completion(for: conn))
        try await waitUntil("a second transport", tick: conn.frameTick) { connector.all.count == 2 }
        let second = try #require(connector.latest)
        #expect(queued.all.isEmpty)
        second.open(.v2)
        #expect(try Self.sentCalls(second, .v2) == [V2.CallProcedure(requestId: 2, flags: 0, procedure: "queued", args: [3])])
        second.deliver(F.v2(F.v2Identity()))
        second.deliver(F.v2(Self.result(2, .returned([4]))))
        // The old call's answer, had it come late, belongs to nobody now.
        second.deliver(F.v2(Self.result(1, .returned([1]))))
        conn.frameTick()
        #expect(queued.all == [.success([4])])
        #expect(sent.all == [.failure(.disconnected)])
        #expect(conn.status == .connected)
        conn.disconnect()
        conn.frameTick()
    }

    @Test func errorsSayWhatHappened() {
        #expect(ProcedureError.internalError("no such procedure").description == "procedure failed: no such procedure")
        #expect(ProcedureError.outOfEnergy.description.contains("energy"))
        #expect(ProcedureError.disconnected.description.contains("connection ended"))
        #expect(ProcedureError.undecodableReturn("3 bytes left").description.contains("3 bytes left"))
    }
}
