/// The id a v2 client gives a query set (`QuerySetId { id: u32 }`); a bare `u32` on the wire.
///
/// Wire layout (`crates/client-api-messages/src/websocket/v2.rs`): `id`, in this order.
public struct QuerySetId: Hashable, Sendable, BSATNCodable {
    /// The numeric id.
    public var id: UInt32

    /// Creates the value from its fields.
    @inlinable public init(id: UInt32) {
        self.id = id
    }

    /// Writes the fields in wire order.
    @inlinable public func encode(to writer: inout BSATNWriter) {
        id.encode(to: &writer)
    }

    /// Reads the fields in wire order.
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        id = try UInt32(bsatn: &reader)
    }

    /// Creates an id from its number.
    @inlinable public init(_ id: UInt32) { self.id = id }
}
