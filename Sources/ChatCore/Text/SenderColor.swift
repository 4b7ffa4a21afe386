import SpacetimeDB

/// Picks a sender's colour from their identity, so it stays the same across renames and restarts.
///
/// Swift's `hashValue` is seeded per process, so it cannot be used; this is 64-bit FNV-1a over the
/// identity's 32 big-endian bytes, reduced modulo the palette size.
public enum SenderColor {
    /// The 64-bit FNV-1a hash of the identity's big-endian bytes.
    public static func hash(of identity: Identity) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in identity.bigEndianBytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// A palette index in `0..<paletteSize` (0 when the palette is empty).
    public static func index(for identity: Identity, paletteSize: Int) -> Int {
        guard paletteSize > 0 else { return 0 }
        return Int(hash(of: identity) % UInt64(paletteSize))
    }
}
