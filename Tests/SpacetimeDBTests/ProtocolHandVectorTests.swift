import QuickstartChat
import Testing

@testable import SpacetimeDB

/// Byte vectors written by hand where the official files stop. Each cites where its layout comes
/// from in SpacetimeDB's source (clockworklabs/SpacetimeDB); §9 refers to the project's protocol notes.
@Suite("Hand-written protocol vectors")
struct ProtocolHandVectorTests {
    /// alice: `Identity::from_claims("localhost", "6d4b5430-…")`, cross-checked against a real token.
    static let aliceHex = "c200483152d642c7d402de06cacc36dcb0c2a1f2bbeb8e7d5a673f2435cca975"
    static let aliceBSATN = "75a9cc35243f675a7d8eebbbf2a1c2b0dc36ccca06de02d4c742d652314800c2"
    static var alice: Identity { Identity(hex: aliceHex) ?? .zero }

    /// Encodes `value`, checks the bytes, then decodes them back to an equal value with nothing left over.
    func expectBytes<T: BSATNCodable & Equatable>(
        _ value: T, _ hex: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let expected = Hex.bytes(hex)
        #expect(!expected.isEmpty, "bad hex in test", sourceLocation: sourceLocation)
        #expect(Hex.encode(value.bsatnBytes()) == Hex.encode(expected), sourceLocation: sourceLocation)
        #expect(try T(bsatnBytes: expected) == value, sourceLocation: sourceLocation)
    }

    // crates/lib/src/identity.rs: `to_hex` prints the big-endian bytes; BSATN (crates/sats/src/bsatn/ser.rs)
    // writes the u256 little-endian, so the wire bytes are the hex reversed.
    @Test func identityByteOrder() throws {
        let identity = try #require(Identity(hex: Self.aliceHex))
        #expect(identity.hexString == Self.aliceHex)
        #expect(Hex.encode(identity.bigEndianBytes) == Self.aliceHex)
        try expectBytes(identity, Self.aliceBSATN)
        #expect(Identity(bigEndianBytes: Hex.bytes(Self.aliceHex)) == identity)
        #expect(identity.abbreviatedHex == "c200483152d642c7")
    }

    // crates/lib/src/connection_id.rs (`to_hex`, big-endian) and the C# BSATN.Runtime.Tests round trip of
    // 00112233…eeff; BSATN is the u128 little-endian.
    @Test func connectionIdByteOrder() throws {
        let id = try #require(ConnectionId(hex: "00112233445566778899aabbccddeeff"))
        #expect(id.hexString == "00112233445566778899aabbccddeeff")
        try expectBytes(id, "ffeeddccbbaa99887766554433221100")
    }

    // crates/sats/src/algebraic_type.rs `AlgebraicType::option`: variant `some` is tag 0, `none` tag 1.
    @Test func optionTags() throws {
        try expectBytes(UInt32?.some(5), "00 05000000")
        try expectBytes(UInt32?.none, "01")
        try expectBytes(String?.some("A"), "00 01000000 41")
        try expectBytes(Identity?.some(Self.alice), "00" + Self.aliceBSATN)
    }

    // crates/sats/src/bsatn/ser.rs: 128- and 256-bit integers are `to_le_bytes` (two's complement when signed);
    // the extremes match crates/bindings-typescript/tests/binary_read_write.test.ts (Rust `bsatn::to_vec`).
    @Test func wideIntegerExtremes() throws {
        try expectBytes(UInt128.max, String(repeating: "ff", count: 16))
        try expectBytes(UInt128(1), "01" + String(repeating: "00", count: 15))
        try expectBytes(Int128.min, String(repeating: "00", count: 15) + "80")
        try expectBytes(Int128.max, String(repeating: "ff", count: 15) + "7f")
        try expectBytes(Int128(-1), String(repeating: "ff", count: 16))
        try expectBytes(Int128(-2), "fe" + String(repeating: "ff", count: 15))
        try expectBytes(UInt256.max, String(repeating: "ff", count: 32))
        try expectBytes(UInt256(low: 0, high: 1), String(repeating: "00", count: 16) + "01" + String(repeating: "00", count: 15))
        try expectBytes(try #require(Int256(decimal: "-2")), "fe" + String(repeating: "ff", count: 31))
        let i256Min = "-57896044618658097711785492504343953926634992332820282019728792003956564819968"
        try expectBytes(try #require(Int256(decimal: i256Min)), String(repeating: "00", count: 31) + "80")
        #expect(Int256(bitPattern: UInt256(words: (0, 0, 0, 1 << 63))).description == i256Min)
        try expectBytes(Int256(-1), String(repeating: "ff", count: 32))
        try expectBytes(EnergyQuanta(UInt128.max), String(repeating: "ff", count: 16))
    }

    // crates/client-api-messages/src/websocket/common.rs: `RowSizeHint` is a sum, FixedSize(u16) tag 0 and
    // RowOffsets(Vec<u64>) tag 1; `BsatnRowList` is (size_hint, rows_data: Bytes).
    @Test func sizeHintForms() throws {
        try expectBytes(RowSizeHint.fixedSize(34), "00 2200")
        try expectBytes(RowSizeHint.rowOffsets([0, 43]), "01 02000000 0000000000000000 2b00000000000000")
        try expectBytes(RowSizeHint.rowOffsets([]), "01 00000000")
        try expectBytes(BsatnRowList.empty, "01 00000000 00000000")
        try expectBytes(
            BsatnRowList(sizeHint: .fixedSize(2), rowsData: [0xaa, 0xbb, 0xcc, 0xdd]), "00 0200 04000000 aabbccdd")
    }

    // modules/quickstart-chat/src/lib.rs: `user(identity, name: Option<String>, online: bool)` and
    // `message(sender, sent: Timestamp, text)`; §9 of the protocol notes.
    @Test func quickstartRows() throws {
        try expectBytes(User(identity: Self.alice, name: nil, online: true), Self.aliceBSATN + "01 01")
        try expectBytes(User(identity: Self.alice, name: "A", online: true), Self.aliceBSATN + "00 01000000 41 01")
        try expectBytes(
            Message(sender: Self.alice, sent: Timestamp(microsecondsSinceUnixEpoch: 1_718_487_775_346_381), text: "Hello, A!"),
            Self.aliceBSATN + "cd7e669df41a0600 09000000 48656c6c6f2c204121")
        try expectBytes(SendMessageArgs(text: "Hello"), "05000000 48656c6c6f")
        try expectBytes(SetNameArgs(name: "alice"), "05000000 616c696365")
    }

    // sdks/rust/src/credentials.rs: the file holds BSATN of `Credentials { token: String }`.
    @Test func credentialsFileString() throws {
        try expectBytes("tok", "03000000 746f6b")
    }

    // crates/client-api-messages/src/websocket/v1.rs `ClientMessage::CallReducer` (tag 0) and v2.rs
    // `ClientMessage::CallReducer` (tag 3, request_id first); §9.
    @Test func callReducerBothVersions() throws {
        let args = SendMessageArgs(text: "Hello").bsatnBytes()
        try expectBytes(
            V1.ClientMessage.callReducer(.init(reducer: "send_message", args: args, requestId: 7, flags: .fullUpdate)),
            "00 0c000000 73656e645f6d657373616765 09000000 05000000 48656c6c6f 07000000 00")
        try expectBytes(
            V2.ClientMessage.callReducer(.init(requestId: 7, flags: 0, reducer: "send_message", args: args)),
            "03 07000000 00 0c000000 73656e645f6d657373616765 09000000 0500000048656c6c6f")
        try expectBytes(
            V1.ClientMessage.subscribeMulti(
                .init(queryStrings: ["SELECT * FROM user", "SELECT * FROM message"], requestId: 1, queryId: QueryId(1))),
            "04 02000000 12000000 53454c454354202a2046524f4d2075736572 15000000 53454c454354202a2046524f4d206d657373616765 01000000 01000000"
        )
    }

    // v1.rs `IdentityToken { identity, token, connection_id }` vs v2.rs `InitialConnection { identity,
    // connection_id, token }`, each behind the envelope byte of crates/core/src/client/messages.rs; §9.
    @Test func firstMessageFrames() throws {
        let conn = try #require(ConnectionId(hex: "00112233445566778899aabbccddeeff"))
        let v1 = V1.ServerMessage.identityToken(.init(identity: Self.alice, token: "tok", connectionId: conn))
        let v1Frame = "00 03" + Self.aliceBSATN + "03000000 746f6b ffeeddccbbaa99887766554433221100"
        #expect(Hex.encode(v1.frame(requested: .brotli)) == Hex.encode(Hex.bytes(v1Frame)))
        #expect(try V1.ServerMessage(frame: Hex.bytes(v1Frame)[...]) == v1)
        let v2 = V2.ServerMessage.initialConnection(.init(identity: Self.alice, connectionId: conn, token: "tok"))
        let v2Frame = "00 00" + Self.aliceBSATN + "ffeeddccbbaa99887766554433221100 03000000 746f6b"
        #expect(Hex.encode(v2.frame(requested: .gzip)) == Hex.encode(Hex.bytes(v2Frame)))
        #expect(try V2.ServerMessage(frame: Hex.bytes(v2Frame)[...]) == v2)
    }

    // v1.rs `SubscribeMultiApplied` with a `DatabaseUpdate` whose one `user` row was listed by the server's
    // row-list builder (crates/core/src/subscription/websocket_building.rs: one row → FixedSize(34)); §9.
    @Test func subscribeMultiAppliedFrame() throws {
        let row = User(identity: Self.alice, name: nil, online: true)
        let inserts = BsatnRowList(rows: [row])
        #expect(inserts.sizeHint == .fixedSize(34))
        let message = V1.ServerMessage.subscribeMultiApplied(
            .init(
                requestId: 1, totalHostExecutionDurationMicros: 366, queryId: QueryId(1),
                update: .init(tables: [
                    .init(tableId: 4097, tableName: "user", numRows: 1, updates: [.uncompressed(.init(deletes: .empty, inserts: inserts))])
                ])))
        let frame = Hex.bytes(
            "00 08 01000000 6e01000000000000 01000000 01000000 01100000 04000000 75736572 0100000000000000 01000000 00 01 00000000 00000000 00 2200 22000000"
                + Self.aliceBSATN + "01 01")
        #expect(Hex.encode(message.frame(requested: .brotli)) == Hex.encode(frame))
        let decoded = try V1.ServerMessage(frame: frame[...])
        #expect(decoded == message)
        guard case .subscribeMultiApplied(let applied) = decoded else {
            Issue.record("decoded \(decoded)")
            return
        }
        let users = try applied.update.tables[0].updates[0].queryUpdate().inserts.decodeRows(as: User.self)
        #expect(users == [row])
    }

    // v2.rs `ReducerOutcome::Err(Bytes)` carries the BSATN of the reducer's `Err(String)`; §9.
    @Test func reducerOutcomeErrPayload() throws {
        let payload = "Names must not be empty".bsatnBytes()
        #expect(Hex.encode(payload) == "170000004e616d6573206d757374206e6f7420626520656d707479")
        try expectBytes(V2.ReducerOutcome.err(payload), "02 1b000000 170000004e616d6573206d757374206e6f7420626520656d707479")
    }

    // crates/core/src/client/messages.rs `decide_compression`: compress only when the BSATN is larger than
    // 1024 bytes and the client asked for brotli or gzip; tags 0/1/2 as SERVER_MSG_COMPRESSION_TAG_*.
    @Test(arguments: [Compression.brotli, .gzip])
    func serverEnvelopeThreshold(_ compression: Compression) throws {
        // A OneOffQuery error text sized so the whole message is exactly 1024, then 1025 bytes.
        func message(size: Int) -> V1.ServerMessage {
            let overhead = V1.ServerMessage.oneOffQueryResponse(
                .init(messageId: [], error: "", tables: [], totalHostExecutionDuration: .zero)
            ).bsatnBytes().count
            return .oneOffQueryResponse(
                .init(messageId: [], error: String(repeating: "x", count: size - overhead), tables: [], totalHostExecutionDuration: .zero))
        }
        let small = message(size: 1024)
        #expect(small.bsatnBytes().count == 1024)
        let smallFrame = small.frame(requested: compression)
        #expect(smallFrame == [0] + small.bsatnBytes())

        let large = message(size: 1025)
        #expect(large.bsatnBytes().count == 1025)
        let largeFrame = large.frame(requested: compression)
        #expect(largeFrame.first == compression.envelopeTag)
        #expect(largeFrame.count < 1025, "1025 repetitive bytes must shrink")
        #expect(try V1.ServerMessage(frame: largeFrame[...]) == large)
        #expect(large.frame(requested: .none) == [0] + large.bsatnBytes())
    }
}
