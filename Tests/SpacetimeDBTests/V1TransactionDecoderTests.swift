import QuickstartChat
import Testing

@testable import SpacetimeDB

/// The v1 transaction fast path (``V1TransactionDecoder``) against the general decoder: on every
/// official v1 server vector, random messages and damaged copies of them, the connection's decoder
/// (``ServerEventDecoder/singleEvent(frame:version:)``) gives exactly the general decoder's event or
/// its error.
@Suite struct V1TransactionDecoderTests {
    /// What the connection's v1 decoder gives for `frame`, rendered (``DecoderOutcome``).
    static func connectionOutcome(_ frame: [UInt8]) -> String { DecoderOutcome.connection(frame, version: .v1) }

    /// What the general decoder gives for `frame`, rendered the same way.
    static func generalOutcome(_ frame: [UInt8]) -> String { DecoderOutcome.general(frame, version: .v1) }

    /// Every v1 server message vector as a frame (uncompressed envelope), and the v1 frame vectors.
    static var v1Frames: [(name: String, frame: [UInt8])] {
        VectorStore.all.compactMap { vector in
            if vector.protocolName == "v1", vector.type == "ServerMessage" { return (vector.name, [0] + vector.bytes) }
            if vector.type == "ServerFrame", vector.name.hasPrefix("frame.v1.") { return (vector.name, vector.bytes) }
            return nil
        }
    }

    /// The fast path's payload (frame without its envelope byte), for frames with an uncompressed envelope.
    static func payload(_ frame: [UInt8]) -> ArraySlice<UInt8>? {
        frame.first == 0 ? frame.dropFirst() : nil
    }

    @Test("the vectors decode the same through the fast path as through the general decoder")
    func vectorsAgree() throws {
        let frames = Self.v1Frames
        #expect(frames.count == 25)
        var fast: [String] = []
        for (name, frame) in frames {
            #expect(Self.connectionOutcome(frame) == Self.generalOutcome(frame), "\(name)")
            #expect(!Self.generalOutcome(frame).hasPrefix("error"), "\(name)")
            if let payload = Self.payload(frame), V1TransactionDecoder.event(payload: payload) != nil { fast.append(name) }
        }
        // Transactions with uncompressed query updates take the fast path; the gzip/brotli query
        // updates and every other message go to the general decoder.
        #expect(fast.sorted() == [
            "frame.v1.transaction_update",
            "v1.server.transaction_update.committed", "v1.server.transaction_update.committed.http_caller",
            "v1.server.transaction_update.committed.no_tables", "v1.server.transaction_update.failed",
            "v1.server.transaction_update.out_of_energy", "v1.server.transaction_update_light",
        ])
    }

    @Test("every truncation and every single-byte change of a transaction vector gives the general decoder's event or error")
    func damagedVectorsAgree() {
        var compared = 0
        for (name, frame) in Self.v1Frames where name.contains("transaction_update") {
            for (label, damaged) in DamagedFrames.of(frame) {
                #expect(Self.connectionOutcome(damaged) == Self.generalOutcome(damaged), "\(name): \(label)")
                compared += 1
            }
        }
        #expect(compared > 5_000)
    }

    @Test("random v1 server messages, whole and damaged, decode the same both ways")
    func randomMessagesAgree() {
        var random = RandomMessages(seed: 0x5EED_0011)
        var fastCount = 0
        for _ in 0..<400 {
            let frame = random.v1Server().frame(requested: .none)
            #expect(Self.connectionOutcome(frame) == Self.generalOutcome(frame))
            if let payload = Self.payload(frame), V1TransactionDecoder.event(payload: payload) != nil { fastCount += 1 }
            for _ in 0..<4 where frame.count > 1 {
                var damaged = frame
                damaged[1 + random.below(frame.count - 1)] = random.int(UInt8.self)
                #expect(Self.connectionOutcome(damaged) == Self.generalOutcome(damaged))
            }
        }
        // Random messages include uncompressed transactions: the fast path was exercised.
        #expect(fastCount > 0)
    }

    @Test("a small transaction keeps its insert list and leaves out the delete list without rows")
    func smallTransactionShape() throws {
        let message = Message(sender: Identity(UInt256(UInt64(7))), sent: Timestamp(microsecondsSinceUnixEpoch: 9), text: "hi")
        let inserts = BsatnRowList(rows: [message])
        let frame = V1.ServerMessage.transactionUpdate(V1.TransactionUpdate(
            status: .committed(V1.DatabaseUpdate(tables: [V1.TableUpdate(
                tableId: 2, tableName: "message", numRows: 1,
                updates: [.uncompressed(V1.QueryUpdate(deletes: .empty, inserts: inserts))])])),
            timestamp: Timestamp(microsecondsSinceUnixEpoch: 9), callerIdentity: Identity(UInt256(UInt64(7))),
            callerConnectionId: ConnectionId(3),
            reducerCall: V1.ReducerCallInfo(reducerName: "send_message", reducerId: 1, args: [1, 2], requestId: 5),
            energyQuantaUsed: EnergyQuanta(11), totalHostExecutionDuration: TimeDuration(microseconds: 10))
        ).frame(requested: .none)
        let event = try #require(V1TransactionDecoder.event(payload: frame.dropFirst()))
        guard case .reducerTransaction(let info, let changes) = event else {
            Issue.record("expected a reducer transaction, got \(event)")
            return
        }
        #expect(info.reducerName == "send_message" && info.args == [1, 2] && info.requestId == 5)
        #expect(info.status == .committed && info.energy == 11 && info.callerConnectionId == ConnectionId(3))
        #expect(changes.count == 1 && changes[0].tableName == "message")
        #expect(changes[0].inserts == [inserts])
        #expect(changes[0].deletes.isEmpty && changes[0].events.isEmpty)
        #expect(Self.connectionOutcome(frame) == Self.generalOutcome(frame))
    }

    @Test(
        "a row list counts as without rows only when rows() accepts it with none",
        arguments: [
            (BsatnRowList(sizeHint: .rowOffsets([]), rowsData: []), true),
            (BsatnRowList(sizeHint: .fixedSize(4), rowsData: []), true),
            (BsatnRowList(sizeHint: .fixedSize(0), rowsData: []), true),
            (BsatnRowList(sizeHint: .rowOffsets([0]), rowsData: []), false),
            (BsatnRowList(sizeHint: .rowOffsets([0, 0]), rowsData: []), false),
            (BsatnRowList(sizeHint: .fixedSize(2), rowsData: [1, 2]), false),
            (BsatnRowList(sizeHint: .rowOffsets([0]), rowsData: [1]), false),
            (BsatnRowList(sizeHint: .fixedSize(0), rowsData: [1]), false),
        ])
    func hasNoRows(list: BsatnRowList, expected: Bool) throws {
        #expect(list.hasNoRows == expected)
        if expected { #expect(try list.rows().isEmpty) }
    }
}
