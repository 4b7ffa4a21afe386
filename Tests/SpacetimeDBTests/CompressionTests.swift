import Testing

@testable import SpacetimeDB

/// The server frame envelope and the brotli / gzip codecs.
@Suite("Compression")
struct CompressionTests {
    /// Deterministic, moderately compressible bytes.
    static func sample(count: Int) -> [UInt8] {
        var state: UInt32 = 12345
        return (0..<count).map { index in
            state = state &* 1_103_515_245 &+ 12345
            return index % 7 == 0 ? UInt8(truncatingIfNeeded: state >> 16) : UInt8(index % 13)
        }
    }

    @Test func queryParameterSpelling() {
        #expect(Compression.allCases.map(\.queryValue) == ["None", "Brotli", "Gzip"])
        #expect(Compression(queryValue: "Gzip") == .gzip)
        #expect(Compression(queryValue: "gzip") == nil, "the server's serde names are case-sensitive")
        #expect(Compression.allCases.map(\.envelopeTag) == [0, 1, 2])
    }

    @Test(arguments: [0, 1, 1024, 70_000, 300_000])
    func codecsRoundTrip(_ count: Int) throws {
        let input = Self.sample(count: count)
        #expect(try BrotliCodec.decompress(BrotliCodec.compress(input)) == input)
        #expect(try GzipCodec.decompress(GzipCodec.compress(input)) == input)
        let gzip = GzipCodec.compress(input)
        #expect(Array(gzip.prefix(3)) == [0x1f, 0x8b, 0x08], "RFC 1952 header")
    }

    @Test(arguments: Compression.allCases)
    func envelopeRoundTrip(_ compression: Compression) throws {
        let payload = Self.sample(count: 5000)
        let frame = ServerFrameCodec.encode(payload: payload, using: compression)
        #expect(frame.first == compression.envelopeTag)
        let decoded = try ServerFrameCodec.decode(frame)
        #expect(decoded.compression == compression)
        #expect(Array(decoded.payload) == payload)
    }

    @Test func decideCompressionThreshold() {
        for requested in Compression.allCases {
            #expect(ServerFrameCodec.decideCompression(payloadSize: 0, requested: requested) == .none)
            #expect(ServerFrameCodec.decideCompression(payloadSize: 1024, requested: requested) == .none)
            #expect(ServerFrameCodec.decideCompression(payloadSize: 1025, requested: requested) == requested)
        }
        let payload = Self.sample(count: 1024)
        #expect(ServerFrameCodec.encode(payload: payload, requested: .brotli) == [0] + payload)
        #expect(ServerFrameCodec.encode(payload: payload + [1], requested: .gzip).first == 2)
    }

    @Test func envelopeErrors() throws {
        #expect(throws: CompressionError.emptyFrame) { try ServerFrameCodec.decode([UInt8]()) }
        for tag: UInt8 in [3, 4, 0x7f, 0xff] {
            #expect(throws: CompressionError.unknownEnvelopeTag(tag)) { try ServerFrameCodec.decode([tag, 0, 1, 2]) }
        }
        // A tag with nothing behind it: "none" is an empty payload, compressed kinds are corrupt.
        #expect(try ServerFrameCodec.decode([0]).payload.isEmpty)
        #expect(throws: CompressionError.self) { try ServerFrameCodec.decode([1]) }
        #expect(throws: CompressionError.self) { try ServerFrameCodec.decode([2]) }
    }

    static let garbage: [[UInt8]] = [
        [0x00], [0xff, 0xff, 0xff, 0xff], Array("not compressed at all".utf8), [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff],
        CompressionTests.sample(count: 300),
    ]

    @Test(arguments: garbage)
    func garbageIsATypedError(_ bytes: [UInt8]) {
        #expect(throws: CompressionError.self) { try GzipCodec.decompress(bytes) }
        #expect(throws: CompressionError.self) { try ServerFrameCodec.decode([2] + bytes) }
        // Brotli has no magic number, so a few short inputs are valid streams; none may crash, and
        // whatever they produce must respect the output limit.
        if let output = try? BrotliCodec.decompress(bytes, maxSize: 1 << 20) { #expect(output.count <= 1 << 20) }
    }

    @Test func brotliGarbageIsATypedError() {
        #expect(throws: CompressionError.self) { try BrotliCodec.decompress([0xff, 0xff, 0xff, 0xff]) }
        #expect(throws: CompressionError.self) { try BrotliCodec.decompress([UInt8]()) }
    }

    @Test(arguments: [Compression.brotli, .gzip])
    func truncatedAndTrailingDataAreErrors(_ compression: Compression) {
        let payload = Self.sample(count: 20_000)
        let frame = ServerFrameCodec.encode(payload: payload, using: compression)
        for cut in [2, frame.count / 2, frame.count - 1] {
            #expect(throws: CompressionError.self, "cut at \(cut)") { try ServerFrameCodec.decode(frame[..<cut]) }
        }
        #expect(throws: CompressionError.self) { try ServerFrameCodec.decode(frame + [0x55, 0x66]) }
    }

    @Test(arguments: [Compression.brotli, .gzip])
    func outputLimitStopsBombs(_ compression: Compression) throws {
        let bomb = ServerFrameCodec.encode(payload: [UInt8](repeating: 0, count: 4 << 20), using: compression)
        #expect(bomb.count < 64 * 1024)
        #expect(throws: CompressionError.outputTooLarge(algorithm: compression, limit: 1 << 20)) {
            try ServerFrameCodec.decode(bomb, maxDecompressedSize: 1 << 20)
        }
        #expect(try ServerFrameCodec.decode(bomb, maxDecompressedSize: 4 << 20).payload.count == 4 << 20)
    }

    @Test(arguments: Compression.allCases)
    func compressableQueryUpdateRoundTrip(_ compression: Compression) throws {
        let rows = (0..<50).map { [UInt8](repeating: UInt8($0), count: 40) }
        let update = V1.QueryUpdate(deletes: .empty, inserts: BsatnRowList(encodedRows: rows))
        let wrapped = V1.CompressableQueryUpdate(update, compression: compression)
        switch (wrapped, compression) {
        case (.uncompressed, .none), (.brotli, .brotli), (.gzip, .gzip): break
        default: Issue.record("wrapped as \(wrapped) for \(compression)")
        }
        #expect(try wrapped.queryUpdate() == update)
        #expect(try V1.CompressableQueryUpdate(bsatnBytes: wrapped.bsatnBytes()).queryUpdate() == update)
    }

    @Test func corruptNestedQueryUpdateIsAProtocolError() {
        #expect(throws: ProtocolError.self) { try V1.CompressableQueryUpdate.gzip([1, 2, 3]).queryUpdate() }
        #expect(throws: ProtocolError.self) { try V1.CompressableQueryUpdate.brotli([0xff, 0xff]).queryUpdate() }
        // Valid gzip around bytes that are not a QueryUpdate.
        let notAnUpdate = V1.CompressableQueryUpdate.gzip(GzipCodec.compress([7, 7, 7])[...])
        #expect(throws: ProtocolError.self) { try notAnUpdate.queryUpdate() }
    }

    @Test func errorsDescribeThemselves() {
        #expect(CompressionError.unknownEnvelopeTag(9).description.contains("9"))
        #expect(CompressionError.outputTooLarge(algorithm: .gzip, limit: 10).description.contains("Gzip"))
        #expect(ProtocolError.emptyFrame.description.contains("empty"))
    }
}
