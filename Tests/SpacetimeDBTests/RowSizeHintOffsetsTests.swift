import Testing

@testable import SpacetimeDB

/// ``RowSizeHint/readOffsets(_:)`` reads exactly what ``BSATNReader/readArray(of:)`` reads (values,
/// bytes consumed, errors) and shares one array for the one-row list.
@Suite struct RowSizeHintOffsetsTests {
    /// A `u32` count, then `u64` values, little-endian.
    static func encoded(count: UInt32, _ values: [UInt64]) -> [UInt8] {
        var writer = BSATNWriter()
        writer.write(count)
        for value in values { writer.write(value) }
        return writer.bytes
    }

    static func outcome(_ bytes: [UInt8], _ read: (inout BSATNReader) throws(BSATNDecodingError) -> [UInt64]) -> String {
        var reader = BSATNReader(bytes)
        do {
            let offsets = try read(&reader)
            return "\(offsets) to \(reader.offset)"
        } catch {
            return "error: \(error)"
        }
    }

    @Test(
        "reads as readArray does",
        arguments: [
            encoded(count: 1, [0]), encoded(count: 1, [0]) + [9, 9], encoded(count: 1, [5]), encoded(count: 1, []),
            Array(encoded(count: 1, [0]).prefix(7)), encoded(count: 2, [0, 8]), encoded(count: 2, [0]),
            encoded(count: 0, []), [1, 0], [], encoded(count: 0xFFFF_FFFF, [0]),
        ])
    func matchesReadArray(bytes: [UInt8]) {
        let general = Self.outcome(bytes) { reader throws(BSATNDecodingError) in try reader.readArray(of: UInt64.self) }
        let shared = Self.outcome(bytes) { reader throws(BSATNDecodingError) in try RowSizeHint.readOffsets(&reader) }
        #expect(shared == general)
    }

    @Test("a one-row list's offsets are the shared array")
    func sharesTheOneRowOffsets() throws {
        let hint = try RowSizeHint(bsatnBytes: [1] + Self.encoded(count: 1, [0]))
        guard case .rowOffsets(let offsets) = hint else {
            Issue.record("expected row offsets, got \(hint)")
            return
        }
        #expect(offsets == [0])
        offsets.withUnsafeBufferPointer { decoded in
            RowSizeHint.singleRowOffsets.withUnsafeBufferPointer { shared in #expect(decoded.baseAddress == shared.baseAddress) }
        }
    }
}
