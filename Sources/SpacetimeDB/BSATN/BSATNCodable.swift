/// A value that writes itself as BSATN.
///
/// Rows, reducer arguments and protocol messages conform directly, so that encoding needs neither
/// reflection nor `Codable`.
public protocol BSATNEncodable {
    /// Appends this value's BSATN encoding to `writer`.
    func encode(to writer: inout BSATNWriter)
}

/// A value that reads itself from BSATN.
public protocol BSATNDecodable {
    /// Reads one value from `reader`, leaving it just past the value's bytes.
    init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError)
}

/// A value that both writes and reads BSATN.
public typealias BSATNCodable = BSATNEncodable & BSATNDecodable

extension BSATNEncodable {
    /// This value's BSATN bytes.
    @inlinable public func bsatnBytes() -> [UInt8] {
        var writer = BSATNWriter()
        encode(to: &writer)
        return writer.bytes
    }
}

extension BSATNDecodable {
    /// Decodes a value that must span all of `bytes`; leftover bytes are an error.
    @inlinable public init(bsatnBytes bytes: [UInt8]) throws(BSATNDecodingError) {
        try self.init(bsatnBytes: bytes[...])
    }

    /// Decodes a value that must span all of `bytes`; leftover bytes are an error.
    @inlinable public init(bsatnBytes bytes: ArraySlice<UInt8>) throws(BSATNDecodingError) {
        var reader = BSATNReader(bytes)
        self = try Self(bsatn: &reader)
        try reader.finish()
    }
}

// MARK: - Primitive conformances

extension Bool: BSATNCodable {
    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(self) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) { self = try reader.readBool() }
}
extension UInt8: BSATNCodable {
    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(self) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) { self = try reader.readUInt8() }
}
extension UInt16: BSATNCodable {
    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(self) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) { self = try reader.readUInt16() }
}
extension UInt32: BSATNCodable {
    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(self) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) { self = try reader.readUInt32() }
}
extension UInt64: BSATNCodable {
    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(self) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) { self = try reader.readUInt64() }
}
extension UInt128: BSATNCodable {
    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(self) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) { self = try reader.readUInt128() }
}
extension Int8: BSATNCodable {
    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(self) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) { self = try reader.readInt8() }
}
extension Int16: BSATNCodable {
    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(self) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) { self = try reader.readInt16() }
}
extension Int32: BSATNCodable {
    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(self) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) { self = try reader.readInt32() }
}
extension Int64: BSATNCodable {
    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(self) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) { self = try reader.readInt64() }
}
extension Int128: BSATNCodable {
    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(self) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) { self = try reader.readInt128() }
}
extension Float: BSATNCodable {
    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(self) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) { self = try reader.readFloat() }
}
extension Double: BSATNCodable {
    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(self) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) { self = try reader.readDouble() }
}
extension String: BSATNCodable {
    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(self) }
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) { self = try reader.readString() }
}

// MARK: - Composite conformances

extension Array: BSATNEncodable where Element: BSATNEncodable {
    /// Writes a `u32` count, then each element. A `[UInt8]` is written as raw bytes, which is the same encoding.
    @inlinable public func encode(to writer: inout BSATNWriter) {
        if Element.self == UInt8.self {
            writer.writeByteArray(unsafeBitCast(self, to: [UInt8].self))
        } else {
            writer.write(self)
        }
    }
}
extension Array: BSATNDecodable where Element: BSATNDecodable {
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        if Element.self == UInt8.self {
            // Same bytes either way; one bulk copy instead of a decode per byte.
            let bytes = try reader.readByteArray()
            self = unsafeBitCast(bytes, to: [Element].self)
        } else {
            self = try reader.readArray(of: Element.self)
        }
    }
}
extension Optional: BSATNEncodable where Wrapped: BSATNEncodable {
    /// `some` is tag 0 followed by the value; `none` is tag 1.
    @inlinable public func encode(to writer: inout BSATNWriter) { writer.write(self) }
}
extension Optional: BSATNDecodable where Wrapped: BSATNDecodable {
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        self = try reader.readOptional(of: Wrapped.self)
    }
}

/// The unit type `()`, an empty product: zero bytes.
public struct BSATNUnit: BSATNCodable, Hashable, Sendable {
    /// The unit value.
    @inlinable public init() {}
    @inlinable public func encode(to writer: inout BSATNWriter) {}
    @inlinable public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {}
}

/// SATS `Result<T, E>`: a sum with `ok` at tag 0 and `err` at tag 1.
public enum BSATNResult<Success: BSATNCodable, Failure: BSATNCodable>: BSATNCodable {
    /// Variant 0.
    case ok(Success)
    /// Variant 1.
    case err(Failure)

    public func encode(to writer: inout BSATNWriter) {
        switch self {
        case .ok(let value):
            writer.writeTag(0)
            value.encode(to: &writer)
        case .err(let value):
            writer.writeTag(1)
            value.encode(to: &writer)
        }
    }

    public init(bsatn reader: inout BSATNReader) throws(BSATNDecodingError) {
        let at = reader.offset
        switch try reader.readTag() {
        case 0: self = .ok(try Success(bsatn: &reader))
        case 1: self = .err(try Failure(bsatn: &reader))
        case let tag: throw .unknownTag(type: "Result", tag: tag, offset: at)
        }
    }
}

extension BSATNResult: Equatable where Success: Equatable, Failure: Equatable {}
extension BSATNResult: Hashable where Success: Hashable, Failure: Hashable {}
extension BSATNResult: Sendable where Success: Sendable, Failure: Sendable {}
