/// A SpacetimeDB identity: a `u256`, 32 bytes little-endian on the wire.
///
/// Its text form (``hexString``) is 64 lowercase hex digits of the big-endian bytes, as SpacetimeDB
/// prints it, so the hex reads as the wire bytes reversed. Identities minted by SpacetimeDB start with
/// `c200` in hex.
public struct Identity: Hashable, Sendable, Comparable, BSATNCodable, CustomStringConvertible {
    /// The identity as a 256-bit number.
    public var value: UInt256

    /// Creates an identity from its numeric value.
    @inlinable public init(_ value: UInt256) { self.value = value }

    /// The all-zero identity.
    public static let zero = Identity(.zero)

    /// Parses 64 hex digits (big-endian, as SpacetimeDB prints identities); nil for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 64, let value = UInt256(hex: hex) else { return nil }
        self.value = value
    }

    /// Creates an identity from its 32 big-endian bytes (`Identity::from_be_byte_array`).
    public init?(bigEndianBytes bytes: [UInt8]) {
        guard let value = UInt256(littleEndianBytes: bytes.reversed()) else { return nil }
        self.value = value
    }

    /// 64 lowercase hex digits of the big-endian bytes (`Identity::to_hex`).
    public var hexString: String { value.hexString(width: 64) }

    /// The first 16 hex digits, as the official clients show an unnamed user (`to_abbreviated_hex`).
    public var abbreviatedHex: String { String(hexString.prefix(16)) }

    /// The 32 big-endian bytes.
    public var bigEndianBytes: [UInt8] { value.bigEndianBytes }

    public var description: String { hexString }

    public static func < (lhs: Identity, rhs: Identity) -> Bool { lhs.value < rhs.value }

    @inlinable public func encode(to writer: inout BSATNWriter) { value.encode(to: &writer) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        value = try UInt256(bsatn: &reader)
    }
}
