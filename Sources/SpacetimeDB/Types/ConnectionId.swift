/// A connection id: a `u128`, 16 bytes little-endian on the wire; printed as 32 hex digits big-endian.
///
/// The all-zero value means "no connection" (for example a reducer called over HTTP).
public struct ConnectionId: Hashable, Sendable, BSATNCodable, CustomStringConvertible {
    /// The id as a 128-bit number.
    public var value: UInt128

    /// Creates an id from its numeric value.
    @inlinable public init(_ value: UInt128) { self.value = value }

    /// The all-zero id, which SpacetimeDB treats as none.
    public static let zero = ConnectionId(0)

    /// Whether this is the reserved all-zero id.
    public var isZero: Bool { value == 0 }

    /// This id, or nil when it is all zeros (`none_if_zero`).
    public var nonZero: ConnectionId? { isZero ? nil : self }

    /// A random non-zero id.
    public static func random() -> ConnectionId {
        var generator = SystemRandomNumberGenerator()
        while true {
            let value = UInt128(generator.next() as UInt64) << 64 | UInt128(generator.next() as UInt64)
            if value != 0 { return ConnectionId(value) }
        }
    }

    /// Parses 32 hex digits (big-endian); nil for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 32, let value = UInt128(hex, radix: 16), !hex.hasPrefix("+"), !hex.hasPrefix("-") else {
            return nil
        }
        self.value = value
    }

    /// 32 lowercase hex digits of the big-endian bytes (`ConnectionId::to_hex`).
    public var hexString: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 32 - digits.count) + digits
    }

    public var description: String { hexString }

    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(value) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        value = try reader.readUInt128()
    }
}
