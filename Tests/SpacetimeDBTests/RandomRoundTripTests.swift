import PropertyBased
import Testing

@testable import SpacetimeDB

/// Random messages of both versions survive encode → decode, alone, in frames and in v3 batches.
@Suite("Random round trips")
struct RandomRoundTripTests {
    /// Encodes, decodes (nothing may be left over) and compares.
    func roundTrip<T: BSATNCodable & Equatable>(_ value: T) throws {
        let bytes = value.bsatnBytes()
        let decoded = try T(bsatnBytes: bytes)
        #expect(decoded == value)
        #expect(decoded.bsatnBytes() == bytes)
    }

    @Test func v1Messages() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed throws in
            var random = RandomMessages(seed: seed)
            try roundTrip(random.v1Client())
            let server = random.v1Server()
            try roundTrip(server)
            let compression = Compression.allCases[random.below(3)]
            #expect(try V1.ServerMessage(frame: server.frame(requested: compression)[...]) == server)
        }
    }

    @Test func v2Messages() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed throws in
            var random = RandomMessages(seed: seed)
            try roundTrip(random.v2Client())
            let server = random.v2Server()
            try roundTrip(server)
            let compression = Compression.allCases[random.below(3)]
            #expect(try V2.ServerMessage(frame: server.frame(requested: compression)[...]) == server)
        }
    }

    @Test func v3Batches() async {
        await propertyCheck(count: 100, input: Gen.uint64()) { seed throws in
            var random = RandomMessages(seed: seed)
            let servers = (0...random.below(5)).map { _ in random.v2Server() }
            let compression = Compression.allCases[random.below(3)]
            #expect(try V3.decodeServerFrame(V3.encodeServerFrame(servers, requested: compression)[...]) == servers)
            let clients = (0...random.below(5)).map { _ in random.v2Client() }
            #expect(try V3.decodeClientFrame(V3.encodeClientFrame(clients)[...]) == clients)
        }
    }

    @Test func rowListsIterateToTheirRows() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed throws in
            var random = RandomMessages(seed: seed)
            let rows = random.list(max: 8) { $0.bytes(max: 6) }
            let list = BsatnRowList(encodedRows: rows)
            #expect(try list.rows().map { Array($0) } == rows)
            let decoded = try BsatnRowList(bsatnBytes: list.bsatnBytes())
            #expect(try decoded.rows().map { Array($0) } == rows)
        }
    }
}
