/// Energy a transaction used (`EnergyQuanta { quanta: u128 }`); 16 bytes little-endian on the wire.
///
/// Wire layout (`crates/client-api-messages/src/energy.rs`): `quanta`, in this order.
public struct EnergyQuanta: Hashable, Sendable, BSATNCodable {
    /// The amount of energy.
    public var quanta: UInt128

    /// Creates the value from its fields.
    @inlinable public init(quanta: UInt128) {
        self.quanta = quanta
    }

    /// Writes the fields in wire order.
    @inlinable public func encode(to writer: inout BSATNWriter) {
        quanta.encode(to: &writer)
    }

    /// Reads the fields in wire order.
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        quanta = try UInt128(bsatn: &reader)
    }

    /// Creates a value from its amount.
    @inlinable public init(_ quanta: UInt128) { self.quanta = quanta }

    /// No energy.
    public static let zero = EnergyQuanta(0)
}
