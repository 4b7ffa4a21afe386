import QuickstartChat
import Testing

@testable import SpacetimeDB

/// The v2 transaction fast path (``V2TransactionDecoder``) against the general decoder: on every
/// official v2 and v3 server vector, random messages and frames and damaged copies of them, the
/// connection's decoder (``ServerEventDecoder/singleEvent(frame:version:names:)``, and
/// ``ServerEventDecoder/decode(frame:version:names:)`` for v3) gives exactly the general decoder's
/// events or its error.
@Suite struct V2TransactionDecoderTests {
    /// What the connection's v2 decoder gives for `frame`, rendered (``DecoderOutcome``).
    static func connectionOutcome(_ frame: [UInt8]) -> String { DecoderOutcome.connection(frame, version: .v2) }

    /// What the general decoder gives for `frame`, rendered the same way.
    static func generalOutcome(_ frame: [UInt8]) -> String { DecoderOutcome.general(frame, version: .v2) }

    /// Every v2 server message vector as a frame (uncompressed envelope), and the v2 frame vectors.
    static var v2Frames: [(name: String, frame: [UInt8])] {
        VectorStore.all.compactMap { vector in
            if vector.protocolName == "v2", vector.type == "ServerMessage" { return (vector.name, [0] + vector.bytes) }
            if vector.type == "ServerFrame", vector.name.hasPrefix("frame.v2.") { return (vector.name, vector.bytes) }
            return nil
        }
    }

    @Test("the vectors decode the same through the fast path as through the general decoder")
    func vectorsAgree() throws {
        let frames = Self.v2Frames
        #expect(frames.count == 21)
        var fast: [String] = []
        for (name, frame) in frames {
            #expect(Self.connectionOutcome(frame) == Self.generalOutcome(frame), "\(name)")
            #expect(!Self.generalOutcome(frame).hasPrefix("error"), "\(name)")
            if frame.first == 0, V2TransactionDecoder.event(payload: frame.dropFirst()) != nil { fast.append(name) }
        }
        // Transactions and committed reducer results take the fast path; failed results, compressed
        // frames and every other message go to the general decoder.
        #expect(fast.sorted() == [
            "frame.v2.reducer_result.ok",
            "v2.server.reducer_result.ok", "v2.server.reducer_result.ok.no_query_sets",
            "v2.server.reducer_result.ok_empty",
            "v2.server.transaction_update.event_table", "v2.server.transaction_update.persistent",
        ])
    }

    @Test("every truncation and every single-byte change of a transaction or result vector gives the general decoder's event or error")
    func damagedVectorsAgree() {
        var compared = 0
        for (name, frame) in Self.v2Frames where name.contains("transaction_update") || name.contains("reducer_result") {
            for (label, damaged) in DamagedFrames.of(frame) {
                #expect(Self.connectionOutcome(damaged) == Self.generalOutcome(damaged), "\(name): \(label)")
                compared += 1
            }
        }
        #expect(compared > 5_000)
    }

    @Test("random v2 server messages, whole and damaged, decode the same both ways")
    func randomMessagesAgree() {
        var random = RandomMessages(seed: 0x5EED_0022)
        var fastCount = 0
        for _ in 0..<400 {
            let frame = random.v2Server().frame(requested: .none)
            #expect(Self.connectionOutcome(frame) == Self.generalOutcome(frame))
            if frame.first == 0, V2TransactionDecoder.event(payload: frame.dropFirst()) != nil { fastCount += 1 }
            for _ in 0..<4 where frame.count > 1 {
                var damaged = frame
                damaged[1 + random.below(frame.count - 1)] = random.int(UInt8.self)
                #expect(Self.connectionOutcome(damaged) == Self.generalOutcome(damaged))
            }
        }
        // Random messages include transactions and committed results: the fast path was exercised.
        #expect(fastCount > 0)
    }

    // MARK: v3

    /// What the connection's v3 decoder gives for `frame`, rendered (``DecoderOutcome``).
    static func v3ConnectionOutcome(_ frame: [UInt8]) -> String { DecoderOutcome.connection(frame, version: .v3) }

    /// What the general v3 decoder gives for `frame`, rendered the same way.
    static func v3GeneralOutcome(_ frame: [UInt8]) -> String { DecoderOutcome.general(frame, version: .v3) }

    @Test("v3 frames, the vectors and random batches, whole and damaged, decode the same both ways")
    func v3FramesAgree() {
        var frames: [[UInt8]] = VectorStore.all.compactMap { vector in
            vector.type == "ServerFrame" && vector.name.hasPrefix("frame.v3.") && !vector.name.contains("client")
                ? vector.bytes : nil
        }
        #expect(frames.count == 2)
        var random = RandomMessages(seed: 0x5EED_0033)
        var fastCount = 0
        for _ in 0..<300 {
            let messages = (0..<(1 + random.below(3))).map { _ in random.v2Server() }
            let frame = [0] + V3.encodeMessages(messages)
            if V2TransactionDecoder.events(v3Payload: frame.dropFirst()) != nil { fastCount += 1 }
            frames.append(frame)
        }
        // Some random batches are all transactions and committed results: the fast path was exercised.
        #expect(fastCount > 0)
        for frame in frames {
            #expect(Self.v3ConnectionOutcome(frame) == Self.v3GeneralOutcome(frame))
            for length in [0, 1, frame.count / 2, frame.count - 1] where length < frame.count {
                let truncated = Array(frame[..<length])
                #expect(Self.v3ConnectionOutcome(truncated) == Self.v3GeneralOutcome(truncated), "cut to \(length)")
            }
            for _ in 0..<4 where frame.count > 1 {
                var damaged = frame
                damaged[1 + random.below(frame.count - 1)] = random.int(UInt8.self)
                #expect(Self.v3ConnectionOutcome(damaged) == Self.v3GeneralOutcome(damaged))
            }
        }
    }

    @Test("a v3 frame of transactions decodes through the fast path, and one other message sends it all to the general decoder")
    func v3FastPathTakesWholeFramesOnly() throws {
        let transaction = V2.ServerMessage.transactionUpdate(V2.TransactionUpdate(querySets: [V2.QuerySetUpdate(
            querySetId: QuerySetId(1), tables: [V2.TableUpdate(tableName: "message", rows: [
                .persistentTable(V2.PersistentTableRows(inserts: BsatnRowList(rows: [Message(
                    sender: Identity(UInt256(UInt64(1))), sent: Timestamp(microsecondsSinceUnixEpoch: 2), text: "hi")]),
                    deletes: .empty))])])]))
        let error = V2.ServerMessage.subscriptionError(V2.SubscriptionError(
            requestId: 3, querySetId: QuerySetId(1), error: "no such table"))
        let both = try #require(V2TransactionDecoder.events(v3Payload: V3.encodeMessages([transaction, transaction])[...]))
        #expect(both.count == 2)
        #expect(V2TransactionDecoder.events(v3Payload: V3.encodeMessages([transaction, error])[...]) == nil)
        let mixed = [0] + V3.encodeMessages([transaction, error])
        #expect(Self.v3ConnectionOutcome(mixed) == Self.v3GeneralOutcome(mixed))
        #expect(V2TransactionDecoder.events(v3Payload: []) == nil)
    }
}
