extension BSATNReader {
    /// A 32-bit hash of a row's BSATN bytes, for the client cache's index (``RowHashIndex``).
    ///
    /// A multiply-and-fold hash in the style of wyhash, 16 bytes per step: about a tenth of the
    /// instructions of `Hasher` (SipHash-1-3) on a chat message's 80 bytes, where hashing was the
    /// largest cost of caching a row. It is not cryptographic. It is seeded once per process
    /// (``rowHashSeed``), so rows that collide cannot be worked out ahead of time by someone who
    /// sends them; and a collision only costs time, because the cache compares the bytes of rows whose
    /// hashes are equal. It lives with the reader because it reads the bytes through a raw buffer.
    @inlinable static func rowHash(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        let hash = bytes.withUnsafeBytes { raw -> UInt64 in
            let count = raw.count
            // The seed goes into both factors of every fold: a word that zeroes one factor (and so
            // drops the other) then depends on the seed, instead of being a public constant.
            let key = rowHashSeed ^ rowHashPrimes.1
            var state = rowHashSeed ^ rowHashPrimes.0
            var index = 0
            while count - index >= 16 {
                state = fold(
                    raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ key,
                    raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self) ^ state)
                index += 16
            }
            var first: UInt64 = 0
            var second: UInt64 = 0
            if count - index >= 8 {
                first = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
            // The last 0–7 bytes, little-endian into one word (the length is mixed in below, so
            // trailing zero bytes are not lost).
            var shift: UInt64 = 0
            while index < count {
                second |= UInt64(raw[index]) << shift
                shift += 8
                index += 1
            }
            state = fold(first ^ key, second ^ state ^ UInt64(truncatingIfNeeded: count))
            return fold(state ^ rowHashPrimes.0, rowHashSeed ^ rowHashPrimes.2)
        }
        return UInt32(truncatingIfNeeded: hash ^ (hash >> 32))
    }

    /// The 128-bit product of `a` and `b`, its halves xored: the mixing step of ``rowHash(_:)``.
    @inlinable static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// Odd constants with well-spread bits (wyhash's), xored into the words before they are folded.
    @inlinable static var rowHashPrimes: (UInt64, UInt64, UInt64) {
        (0xA076_1D64_78BD_642F, 0xE703_7ED1_A0B4_28DB, 0x8EBC_6AF0_9C88_C6E3)
    }

    /// The process's random seed for ``rowHash(_:)``.
    @usableFromInline static let rowHashSeed = UInt64.random(in: .min ... .max)
}
