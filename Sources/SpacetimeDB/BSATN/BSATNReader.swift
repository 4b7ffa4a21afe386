/// Reads BSATN values from a byte buffer without copying it.
///
/// The reader never traps on bad input: running out of bytes, an unknown tag, a bool byte other than
/// 0 or 1 and invalid UTF-8 all throw a ``BSATNDecodingError`` naming the offset. Byte arrays can be
/// read as slices that share the original buffer (``readByteSlice()``), which is how row data is kept.
public struct BSATNReader: Sendable {
    /// The buffer being read. Indices are those of the underlying storage.
    public let buffer: ArraySlice<UInt8>
    /// The index of the next byte to read, in `buffer`'s indices.
    @inlinable public var position: Int { cursor }
    @usableFromInline var cursor: Int

    /// Creates a reader over a whole array.
    @inlinable public init(_ bytes: [UInt8]) {
        self.init(bytes[...])
    }

    /// Creates a reader over a slice; offsets in errors count from the slice's start.
    @inlinable public init(_ slice: ArraySlice<UInt8>) {
        buffer = slice
        cursor = slice.startIndex
    }

    /// Bytes consumed so far, from the start of the buffer.
    @inlinable public var offset: Int { position - buffer.startIndex }
    /// Bytes not yet consumed.
    @inlinable public var remaining: Int { buffer.endIndex - position }
    /// Whether every byte has been consumed.
    @inlinable public var isAtEnd: Bool { position == buffer.endIndex }

    /// Throws unless `count` more bytes are available.
    @inlinable public func require(_ count: Int) throws(BSATNDecodingError) {
        if count < 0 || count > remaining {
            throw .unexpectedEnd(offset: offset, needed: count, available: remaining)
        }
    }

    /// Throws ``BSATNDecodingError/trailingBytes(offset:count:)`` unless every byte was consumed.
    @inlinable public func finish() throws(BSATNDecodingError) {
        if !isAtEnd { throw .trailingBytes(offset: offset, count: remaining) }
    }

    @inlinable mutating func readLittleEndian<T: FixedWidthInteger>(_: T.Type) throws(BSATNDecodingError) -> T {
        let size = MemoryLayout<T>.size
        try require(size)
        let start = position - buffer.startIndex
        let value = buffer.withUnsafeBytes { raw in
            raw.loadUnaligned(fromByteOffset: start, as: T.self)
        }
        cursor += size
        return T(littleEndian: value)
    }

    /// Reads one byte.
    @inlinable public mutating func readUInt8() throws(BSATNDecodingError) -> UInt8 {
        try require(1)
        let value = buffer[position]
        cursor += 1
        return value
    }
    /// Reads a signed byte.
    @inlinable public mutating func readInt8() throws(BSATNDecodingError) -> Int8 {
        Int8(bitPattern: try readUInt8())
    }
    /// Reads a `u16`.
    @inlinable public mutating func readUInt16() throws(BSATNDecodingError) -> UInt16 { try readLittleEndian(UInt16.self) }
    /// Reads a `u32`.
    @inlinable public mutating func readUInt32() throws(BSATNDecodingError) -> UInt32 { try readLittleEndian(UInt32.self) }
    /// Reads a `u64`.
    @inlinable public mutating func readUInt64() throws(BSATNDecodingError) -> UInt64 { try readLittleEndian(UInt64.self) }
    /// Reads a `u128`.
    @inlinable public mutating func readUInt128() throws(BSATNDecodingError) -> UInt128 { try readLittleEndian(UInt128.self) }
    /// Reads an `i16`.
    @inlinable public mutating func readInt16() throws(BSATNDecodingError) -> Int16 { try readLittleEndian(Int16.self) }
    /// Reads an `i32`.
    @inlinable public mutating func readInt32() throws(BSATNDecodingError) -> Int32 { try readLittleEndian(Int32.self) }
    /// Reads an `i64`.
    @inlinable public mutating func readInt64() throws(BSATNDecodingError) -> Int64 { try readLittleEndian(Int64.self) }
    /// Reads an `i128`.
    @inlinable public mutating func readInt128() throws(BSATNDecodingError) -> Int128 { try readLittleEndian(Int128.self) }
    /// Reads an `f32` from its IEEE-754 bits.
    @inlinable public mutating func readFloat() throws(BSATNDecodingError) -> Float {
        Float(bitPattern: try readUInt32())
    }
    /// Reads an `f64` from its IEEE-754 bits.
    @inlinable public mutating func readDouble() throws(BSATNDecodingError) -> Double {
        Double(bitPattern: try readUInt64())
    }

    /// Reads a bool; any byte other than 0 or 1 is an error, as in SpacetimeDB.
    @inlinable public mutating func readBool() throws(BSATNDecodingError) -> Bool {
        let at = offset
        switch try readUInt8() {
        case 0: return false
        case 1: return true
        case let byte: throw .invalidBool(offset: at, byte: byte)
        }
    }

    /// Reads a `u32` length or element count.
    @inlinable public mutating func readLength() throws(BSATNDecodingError) -> Int {
        Int(try readUInt32())
    }

    /// Reads a sum tag.
    @inlinable public mutating func readTag() throws(BSATNDecodingError) -> UInt8 { try readUInt8() }

    /// Reads a length-prefixed UTF-8 string, rejecting invalid UTF-8.
    @inlinable public mutating func readString() throws(BSATNDecodingError) -> String {
        let count = try readLength()
        try require(count)
        let start = position
        let stringOffset = offset
        let string = buffer.withUnsafeBytes { raw -> String? in
            let base = start - buffer.startIndex
            // The array's storage is bound to UInt8; the bytes are validated once (``decodeUTF8(_:)``).
            return Self.decodeUTF8(UnsafeRawBufferPointer(rebasing: raw[base..<(base + count)]))
        }
        guard let string else { throw .invalidUTF8(offset: stringOffset, length: count) }
        cursor += count
        return string
    }

    /// Reads a length-prefixed byte array as a zero-copy slice of the buffer.
    @inlinable public mutating func readByteSlice() throws(BSATNDecodingError) -> ArraySlice<UInt8> {
        let count = try readLength()
        return try readRawSlice(count: count)
    }

    /// Reads a length-prefixed byte array, copied into a new array.
    @inlinable public mutating func readByteArray() throws(BSATNDecodingError) -> [UInt8] {
        Array(try readByteSlice())
    }

    /// Reads exactly `count` bytes with no length prefix, as a zero-copy slice.
    @inlinable public mutating func readRawSlice(count: Int) throws(BSATNDecodingError) -> ArraySlice<UInt8> {
        try require(count)
        let slice = buffer[position..<(position + count)]
        cursor += count
        return slice
    }

    /// Reads any decodable value.
    @inlinable public mutating func read<T: BSATNDecodable>(_: T.Type = T.self) throws(BSATNDecodingError) -> T {
        try T(bsatn: &self)
    }

    /// Reads an array: `u32` count, then that many elements.
    @inlinable public mutating func readArray<T: BSATNDecodable>(of _: T.Type = T.self) throws(BSATNDecodingError) -> [T] {
        let at = offset
        let count = try readLength()
        var result: [T] = []
        // Nothing to reserve for an empty array (most transactions' delete lists): reserving even 0
        // elements in the shared empty array allocates a buffer of its own.
        if count == 0 { return result }
        // A hostile count must not make us reserve gigabytes: every element needs at least one byte
        // for all but zero-sized types, so never reserve more than the bytes left.
        result.reserveCapacity(Swift.min(count, remaining))
        // A type whose encoding is empty (unit, or a product of units) reads nothing, so 4 bytes of
        // count alone could demand billions of elements (found by the `bsatn` fuzz target: a hang
        // while a 4 GB array grew). Such arrays get the same bound as others, one element per byte
        // left, but at least `maxZeroByteElements`.
        let zeroByteLimit = Swift.max(remaining, BSATNReader.maxZeroByteElements)
        for index in 0..<count {
            let before = cursor
            result.append(try T(bsatn: &self))
            if index == 0, cursor == before, count > zeroByteLimit {
                throw .invalidValue(
                    type: "Array<\(T.self)>", offset: at,
                    reason: "\(count) elements that take no bytes each, more than the \(zeroByteLimit) allowed")
            }
        }
        return result
    }

    /// The most elements of a zero-byte type (such as unit) an array may have beyond the bytes left.
    public static let maxZeroByteElements = 65_536

    /// Reads an `Option`: tag 0 then the value for `some`, tag 1 for `none`.
    @inlinable public mutating func readOptional<T: BSATNDecodable>(of _: T.Type = T.self) throws(BSATNDecodingError) -> T? {
        let at = offset
        switch try readTag() {
        case 0: return try T(bsatn: &self)
        case 1: return nil
        case let tag: throw .unknownTag(type: "Option<\(T.self)>", tag: tag, offset: at)
        }
    }

    /// Skips `count` bytes.
    @inlinable public mutating func skip(_ count: Int) throws(BSATNDecodingError) {
        try require(count)
        cursor += count
    }
}
