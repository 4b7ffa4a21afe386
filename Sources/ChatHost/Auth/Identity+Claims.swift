import SpacetimeDB

extension Identity {
    /// The identity SpacetimeDB derives from a token's issuer and subject (`Identity::from_claims`).
    ///
    /// `blake3(iss + "|" + sub)` gives a 26-byte id hash; a 4-byte checksum is
    /// `blake3([0xC2, 0x00] + id_hash)`; the big-endian identity bytes are `C2 00 checksum id_hash`.
    public static func fromClaims(issuer: String, subject: String) -> Identity {
        let idHash = Array(BLAKE3.hash(Array((issuer + "|" + subject).utf8)).prefix(26))
        let checksum = Array(BLAKE3.hash([0xC2, 0x00] + idHash).prefix(4))
        let bigEndian: [UInt8] = [0xC2, 0x00] + checksum + idHash
        // Always 32 bytes, so the initializer cannot fail; fall back to zero only to avoid a trap.
        return Identity(bigEndianBytes: bigEndian) ?? .zero
    }
}
