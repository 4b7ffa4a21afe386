import Testing

@testable import SpacetimeDB

/// The cache's row hash (``BSATNReader/rowHash(_:)``): equal bytes hash equally wherever they sit,
/// every byte and the length count, and distinct rows spread over the index's slots.
@Suite struct RowHashTests {
    /// Distinct byte strings of every length up to 70, each a prefix of one pseudo-random buffer.
    static let buffer: [UInt8] = {
        var state: UInt64 = 0xC0FF_EE00_1234_5678
        return (0..<70).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }()

    @Test func equalBytesHashEquallyWhateverTheSliceStart() {
        for length in 0...Self.buffer.count {
            let bytes = Array(Self.buffer.prefix(length))
            let shifted = [0xAA, 0xBB, 0xCC] + bytes
            #expect(BSATNReader.rowHash(bytes[...]) == BSATNReader.rowHash(shifted[3...]), "length \(length)")
        }
    }

    /// Changing any one byte, or adding a zero byte at the end, changes the hash (for these inputs;
    /// a 32-bit hash can collide, but not on a single-byte change of short rows in practice).
    @Test func everyByteAndTheLengthCount() {
        for length in [1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 70] {
            let bytes = Array(Self.buffer.prefix(length))
            let hash = BSATNReader.rowHash(bytes[...])
            for position in 0..<length {
                for flip: UInt8 in [0x01, 0x80] {
                    var changed = bytes
                    changed[position] ^= flip
                    #expect(BSATNReader.rowHash(changed[...]) != hash, "length \(length), byte \(position) ^ \(flip)")
                }
            }
            #expect(BSATNReader.rowHash((bytes + [0])[...]) != hash, "a trailing zero byte at length \(length)")
        }
        #expect(BSATNReader.rowHash([][...]) != BSATNReader.rowHash([0][...]))
    }

    /// 100k rows that differ only in a counter (as rows of one table often do) fill 2^17 slots by
    /// their low bits about as evenly as random numbers would, and hardly collide in 32 bits.
    @Test func similarRowsSpreadOverTheSlots() {
        let rows = 100_000
        let slots = 1 << 17
        var occupancy = [Int](repeating: 0, count: slots)
        var seen = Set<UInt32>()
        var collisions = 0
        for counter in 0..<rows {
            var bytes = Array(Self.buffer.prefix(40))
            withUnsafeBytes(of: UInt64(counter).littleEndian) { bytes.replaceSubrange(8..<16, with: $0) }
            let hash = BSATNReader.rowHash(bytes[...])
            if !seen.insert(hash).inserted { collisions += 1 }
            occupancy[Int(hash) & (slots - 1)] += 1
        }
        // Expected 32-bit collisions among 100k values: about 1.2.
        #expect(collisions <= 10)
        // 100k balls into 131k bins: the fullest bin holds about 7 when spread at random.
        #expect(occupancy.max() ?? 0 <= 12)
        let empty = occupancy.filter { $0 == 0 }.count
        // At random about 47 % of the bins stay empty (e^-0.76).
        #expect(empty > slots * 40 / 100 && empty < slots * 54 / 100, "\(empty) empty slots of \(slots)")
    }
}
