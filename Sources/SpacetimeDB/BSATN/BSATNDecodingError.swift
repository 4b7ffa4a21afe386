/// Why BSATN bytes could not be decoded. Every case names the byte offset where decoding stopped,
/// counted from the start of the buffer the reader was given.
public enum BSATNDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The buffer ended while `needed` more bytes were expected.
    case unexpectedEnd(offset: Int, needed: Int, available: Int)
    /// A `bool` byte was neither 0 nor 1.
    case invalidBool(offset: Int, byte: UInt8)
    /// A string's bytes were not valid UTF-8.
    case invalidUTF8(offset: Int, length: Int)
    /// A sum type's tag byte named no variant of `type`.
    case unknownTag(type: String, tag: UInt8, offset: Int)
    /// Bytes were left over after a complete value.
    case trailingBytes(offset: Int, count: Int)
    /// The bytes were well formed but do not make a valid `type` (for example a row offset out of range).
    case invalidValue(type: String, offset: Int, reason: String)

    /// The offset at which decoding failed.
    public var offset: Int {
        switch self {
        case .unexpectedEnd(let offset, _, _), .invalidBool(let offset, _), .invalidUTF8(let offset, _),
            .unknownTag(_, _, let offset), .trailingBytes(let offset, _), .invalidValue(_, let offset, _):
            return offset
        }
    }

    public var description: String {
        switch self {
        case .unexpectedEnd(let offset, let needed, let available):
            return "BSATN: unexpected end of data at offset \(offset): needed \(needed) bytes, \(available) left"
        case .invalidBool(let offset, let byte):
            return "BSATN: invalid bool byte 0x\(String(byte, radix: 16)) at offset \(offset) (expected 0 or 1)"
        case .invalidUTF8(let offset, let length):
            return "BSATN: string of \(length) bytes at offset \(offset) is not valid UTF-8"
        case .unknownTag(let type, let tag, let offset):
            return "BSATN: unknown tag \(tag) for \(type) at offset \(offset)"
        case .trailingBytes(let offset, let count):
            return "BSATN: \(count) unexpected trailing bytes at offset \(offset)"
        case .invalidValue(let type, let offset, let reason):
            return "BSATN: invalid \(type) at offset \(offset): \(reason)"
        }
    }
}
