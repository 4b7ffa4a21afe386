/// A UUID as SpacetimeDB stores it: a `u128`, 16 bytes little-endian on the wire, printed from the
/// big-endian bytes in the usual 8-4-4-4-12 form.
public struct Uuid: Hashable, Sendable, BSATNCodable, CustomStringConvertible {
    /// The UUID as a 128-bit number (its big-endian bytes are the usual UUID bytes).
    public var value: UInt128

    /// Creates a UUID from its numeric value.
    @inlinable public init(_ value: UInt128) { self.value = value }

    /// The nil UUID.
    public static let zero = Uuid(0)

    /// Parses the hyphenated or plain 32-hex-digit form.
    public init?(string: String) {
        let digits = string.filter { $0 != "-" }
        guard digits.utf8.count == 32, digits.allSatisfy(\.isHexDigit), let value = UInt128(digits, radix: 16) else {
            return nil
        }
        self.value = value
    }

    /// The lowercase hyphenated form, e.g. `6d4b5430-00cf-4a99-932c-ad2d07bab841`.
    public var description: String {
        let hex = String(value, radix: 16)
        let padded = Array(String(repeating: "0", count: 32 - hex.count) + hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(padded[$0]) }.joined(separator: "-")
    }

    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(value) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        value = try reader.readUInt128()
    }
}
