/// Appends BSATN encodings to a growing byte buffer.
///
/// BSATN is little-endian with no padding and no field names: products are their fields in order,
/// sums a `u8` tag and the payload, strings and arrays a `u32` length then their contents.
public struct BSATNWriter: Sendable {
    /// The bytes written so far.
    @inlinable public var bytes: [UInt8] { storage }
    @usableFromInline var storage: [UInt8]

    /// Creates an empty writer that reserves `capacity` bytes up front.
    public init(capacity: Int = 64) {
        storage = []
        storage.reserveCapacity(capacity)
    }

    /// The number of bytes written so far.
    @inlinable public var count: Int { storage.count }

    /// Writes one byte.
    @inlinable public mutating func write(_ value: UInt8) { storage.append(value) }
    /// Writes a signed byte.
    @inlinable public mutating func write(_ value: Int8) { storage.append(UInt8(bitPattern: value)) }
    /// Writes `0x01` for true, `0x00` for false.
    @inlinable public mutating func write(_ value: Bool) { storage.append(value ? 1 : 0) }
    /// Writes a `u16`, little-endian.
    @inlinable public mutating func write(_ value: UInt16) { writeLittleEndian(value) }
    /// Writes a `u32`, little-endian.
    @inlinable public mutating func write(_ value: UInt32) { writeLittleEndian(value) }
    /// Writes a `u64`, little-endian.
    @inlinable public mutating func write(_ value: UInt64) { writeLittleEndian(value) }
    /// Writes a `u128`, little-endian.
    @inlinable public mutating func write(_ value: UInt128) { writeLittleEndian(value) }
    /// Writes an `i16`, little-endian two's complement.
    @inlinable public mutating func write(_ value: Int16) { writeLittleEndian(value) }
    /// Writes an `i32`, little-endian two's complement.
    @inlinable public mutating func write(_ value: Int32) { writeLittleEndian(value) }
    /// Writes an `i64`, little-endian two's complement.
    @inlinable public mutating func write(_ value: Int64) { writeLittleEndian(value) }
    /// Writes an `i128`, little-endian two's complement.
    @inlinable public mutating func write(_ value: Int128) { writeLittleEndian(value) }
    /// Writes an `f32` as its IEEE-754 bits.
    @inlinable public mutating func write(_ value: Float) { writeLittleEndian(value.bitPattern) }
    /// Writes an `f64` as its IEEE-754 bits.
    @inlinable public mutating func write(_ value: Double) { writeLittleEndian(value.bitPattern) }

    @inlinable mutating func writeLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { storage.append(contentsOf: $0) }
    }

    /// Writes a length or element count as a `u32`.
    ///
    /// BSATN cannot express more than `UInt32.max` elements; such a value is a programming error.
    @inlinable public mutating func writeLength(_ count: Int) {
        precondition(count >= 0 && count <= Int(UInt32.max), "BSATN lengths must fit in a u32")
        write(UInt32(truncatingIfNeeded: count))
    }

    /// Writes a string: `u32` byte length, then its UTF-8 bytes.
    @inlinable public mutating func write(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writeLength(utf8.count)
            storage.append(contentsOf: utf8)
        }
    }

    /// Writes a byte array (`Vec<u8>`, `Bytes`): `u32` length, then the bytes.
    @inlinable public mutating func writeByteArray<C: Collection>(_ value: C) where C.Element == UInt8 {
        writeLength(value.count)
        storage.append(contentsOf: value)
    }

    /// Appends bytes verbatim, with no length prefix (already-encoded BSATN).
    @inlinable public mutating func writeRaw<C: Sequence>(_ value: C) where C.Element == UInt8 {
        storage.append(contentsOf: value)
    }

    /// Writes a sum tag.
    @inlinable public mutating func writeTag(_ tag: UInt8) { storage.append(tag) }

    /// Writes any encodable value.
    @inlinable public mutating func write<T: BSATNEncodable>(_ value: T) { value.encode(to: &self) }

    /// Writes an array: `u32` element count, then each element.
    @inlinable public mutating func write<T: BSATNEncodable>(_ values: [T]) {
        writeLength(values.count)
        for value in values { value.encode(to: &self) }
    }

    /// Writes an `Option`: tag 0 and the value for `some`, tag 1 for `none`.
    @inlinable public mutating func write<T: BSATNEncodable>(_ value: T?) {
        if let value {
            writeTag(0)
            value.encode(to: &self)
        } else {
            writeTag(1)
        }
    }

    /// Replaces the `u32` at `offset` (used to back-patch a length written before its contents).
    @inlinable public mutating func patchUInt32(_ value: UInt32, at offset: Int) {
        let le = value.littleEndian
        withUnsafeBytes(of: le) { raw in
            for index in 0..<4 { storage[offset + index] = raw[index] }
        }
    }
}
